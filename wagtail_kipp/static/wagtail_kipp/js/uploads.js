/* wagtail-kipp entrant portal: attachment uploads with progress, client-side checks and automatic retries.
   Progressive enhancement only: without this script every slot uploads with a plain form post.
   Retrying is safe because the server treats the same file sent twice to a slot as one upload (SHA-256). */
(function () {
  "use strict";

  var MAX_RETRIES = 3;
  var FIRST_DELAY_MS = 2000;

  function format(template, values) {
    return (template || "").replace(/%\((\w+)\)s/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : match;
    });
  }

  function parseJson(text) {
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  function setUpSlot(container, slot) {
    var uploadForm = slot.querySelector("form[data-kipp-upload]");
    var removeForm = slot.querySelector("form[data-kipp-remove]");
    var status = slot.querySelector("[data-kipp-slot-status]");
    var current = slot.querySelector("[data-kipp-slot-current]");
    var progress = slot.querySelector("[data-kipp-upload-progress]");
    var msg = container.dataset;
    var busy = false;

    function say(messages, isError) {
      if (!status) return;
      status.textContent = [].concat(messages || []).join(" ");
      status.classList.toggle("kipp-error", !!isError);
    }

    function setBusy(value) {
      busy = value;
      slot.setAttribute("aria-busy", value ? "true" : "false");
      slot.querySelectorAll("button, input[type=file]").forEach(function (node) { node.disabled = value; });
    }

    function showProgress(percent) {
      if (!progress) return;
      if (percent === null) { progress.hidden = true; return; }
      progress.hidden = false;
      progress.value = percent;
      progress.textContent = percent + "%";
    }

    function showAttachment(attachment) {
      while (current.firstChild) current.removeChild(current.firstChild);
      if (attachment) {
        var link = document.createElement("a");
        link.href = attachment.download_url;
        link.textContent = attachment.name;
        link.setAttribute("data-kipp-slot-link", "");
        var meta = document.createElement("span");
        meta.className = "kipp-muted";
        meta.textContent = " (" + format(msg.msgMeta, { size: attachment.size_display, time: attachment.uploaded_at_display }) + ")";
        current.appendChild(link);
        current.appendChild(meta);
      } else {
        var none = document.createElement("span");
        none.className = "kipp-muted";
        none.textContent = msg.msgNone;
        current.appendChild(none);
      }
      if (removeForm) removeForm.hidden = !attachment;
      var label = slot.querySelector("[data-kipp-upload-label]");
      if (label && attachment) label.textContent = msg.msgReplace;
    }

    // The same checks as the server's, so that a wrong or oversized file is caught before it is sent.
    function checkFile(file) {
      if (!file) return msg.msgEmpty;
      var maxSize = parseInt(slot.getAttribute("data-max-size") || "0", 10);
      if (maxSize && file.size > maxSize) {
        return format(msg.msgTooLarge, { size: slot.getAttribute("data-max-size-display") });
      }
      var extensions = (slot.getAttribute("data-extensions") || "").split(",").filter(Boolean);
      var name = file.name.toLowerCase();
      var dot = name.lastIndexOf(".");
      if (extensions.length && dot > 0 && extensions.indexOf(name.slice(dot)) === -1) {
        return format(msg.msgWrongType, { extensions: extensions.join(", ") });
      }
      return "";
    }

    function handleAnswer(xhr) {
      var data = parseJson(xhr.responseText) || {};
      if (xhr.status === 200 && data.ok) {
        if (data.attachment) {
          showAttachment(data.attachment);
          if (uploadForm) uploadForm.reset();  // ready for a replacement
        } else if (data.removed !== undefined) {
          showAttachment(null);
        }
        say(data.messages);
        return;
      }
      if (xhr.status === 401) { say(msg.msgSession, true); return; }
      say(data.errors && data.errors.length ? data.errors : msg.msgError, true);
    }

    // Send ``body`` to ``url``; on a dropped connection (or a gateway error) try again with a growing pause.
    function send(url, body, onProgress, attempt) {
      attempt = attempt || 0;
      var xhr = new XMLHttpRequest();
      xhr.open("POST", url);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      if (onProgress && xhr.upload) {
        xhr.upload.addEventListener("progress", function (event) {
          if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
        });
      }
      function retryOrFail() {
        if (attempt < MAX_RETRIES) {
          var delay = FIRST_DELAY_MS * Math.pow(2, attempt);
          say(format(msg.msgRetrying, { seconds: Math.round(delay / 1000), attempt: attempt + 1, attempts: MAX_RETRIES }), true);
          window.setTimeout(function () { send(url, body, onProgress, attempt + 1); }, delay);
        } else {
          finish();
          say(msg.msgFailed, true);
        }
      }
      xhr.addEventListener("load", function () {
        if (xhr.status === 502 || xhr.status === 503 || xhr.status === 504) { retryOrFail(); return; }
        finish();
        handleAnswer(xhr);
      });
      xhr.addEventListener("error", retryOrFail);
      xhr.addEventListener("timeout", retryOrFail);
      xhr.send(body);
    }

    function finish() {
      setBusy(false);
      showProgress(null);
    }

    if (uploadForm) {
      var input = uploadForm.querySelector("input[type=file]");
      uploadForm.addEventListener("submit", function (event) {
        event.preventDefault();
        if (busy) return;
        var file = input.files && input.files[0];
        var problem = checkFile(file);
        if (problem) { say(problem, true); return; }
        var body = new FormData(uploadForm);
        setBusy(true);
        showProgress(0);
        say(msg.msgUploading);
        send(uploadForm.action, body, showProgress);
      });
      input.addEventListener("change", function () {
        var problem = input.files && input.files[0] ? checkFile(input.files[0]) : "";
        say(problem, !!problem);
      });
      uploadForm.addEventListener("reset", function () { say(""); });
    }

    if (removeForm) {
      removeForm.addEventListener("submit", function (event) {
        event.preventDefault();
        if (busy) return;
        setBusy(true);
        say(msg.msgRemoving);
        send(removeForm.action, new FormData(removeForm), null);
      });
    }
  }

  function init() {
    document.querySelectorAll("[data-kipp-uploads]").forEach(function (container) {
      container.querySelectorAll("[data-kipp-slot]").forEach(function (slot) { setUpSlot(container, slot); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
