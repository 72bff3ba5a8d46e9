/* Jury score sheet: shows the weighted 0-100 score while the juror types (progressive enhancement only). */
(function () {
  "use strict";
  function number(value) {
    var parsed = parseFloat(String(value).replace(",", "."));
    return isFinite(parsed) ? parsed : null;
  }
  function init(form) {
    var box = form.querySelector("[data-kipp-total]");
    var output = form.querySelector("[data-kipp-total-value]");
    if (!box || !output) return;
    function update() {
      var criteria = {};
      form.querySelectorAll("[data-kipp-weight]").forEach(function (input) {
        var entry = criteria[input.name] || (criteria[input.name] = {
          weight: number(input.dataset.kippWeight), low: number(input.dataset.kippLow),
          high: number(input.dataset.kippHigh), value: null
        });
        if (input.type === "radio") {
          if (input.checked) entry.value = number(input.value);
        } else {
          entry.value = number(input.value);
        }
      });
      var sum = 0, weights = 0, complete = true;
      Object.keys(criteria).forEach(function (name) {
        var c = criteria[name];
        if (c.weight === null || c.low === null || c.high === null || c.high <= c.low) { complete = false; return; }
        weights += c.weight;
        if (c.value === null || c.value < c.low || c.value > c.high) { complete = false; return; }
        sum += c.weight * 100 * (c.value - c.low) / (c.high - c.low);
      });
      output.textContent = complete && weights > 0 ? (sum / weights).toFixed(2) : "—";
      box.hidden = false;
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
  }
  document.querySelectorAll("[data-kipp-score-sheet]").forEach(init);
})();
