/*
 * The exports listing: refreshes the progress of queued and running exports without reloading the page, and
 * reloads it once one is ready or has failed (to show its download link or error). Without JavaScript the
 * page refreshes itself (<noscript> meta refresh) and has a "Refresh" link.
 */
(function () {
  "use strict";

  var INTERVAL = 2000;
  var SELECTOR = "[data-export-progress][data-status='queued'], [data-export-progress][data-status='running']";
  var busy = false;

  function show(cell, data) {
    var bar = cell.querySelector("progress");
    var percent = cell.querySelector("[data-percent]");
    var count = cell.querySelector("[data-count]");
    if (bar) {
      bar.max = Math.max(data.total, 1);
      bar.value = Math.min(data.done, bar.max);
      bar.textContent = data.percent + "%";
    }
    if (percent) {
      percent.textContent = data.percent + "%";
    }
    if (count) {
      count.textContent = "(" + data.done + "/" + data.total + ")";
    }
    if (data.status === "done" || data.status === "failed") {
      window.location.reload();
    } else {
      cell.dataset.status = data.status;
    }
  }

  function poll() {
    var cells = Array.prototype.slice.call(document.querySelectorAll(SELECTOR));
    if (busy || !cells.length) {
      return;
    }
    busy = true;
    Promise.all(
      cells.map(function (cell) {
        return fetch(cell.dataset.exportProgress, {
          credentials: "same-origin",
          headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
        })
          .then(function (response) {
            return response.ok ? response.json() : null;
          })
          .then(function (data) {
            if (data) {
              show(cell, data);
            }
          })
          .catch(function () {
            /* a missed refresh is retried at the next tick */
          });
      })
    ).then(function () {
      busy = false;
    });
  }

  window.setInterval(poll, INTERVAL);
})();
