/* wagtail-kipp entrant portal: live word counts, deadline countdowns and autosave of the proposal form.
   Progressive enhancement only: without this script the form saves with a plain POST. */
(function () {
  "use strict";

  // Same rule as wagtail_kipp.judging.rules.count_words: runs of non-space characters with a letter or digit.
  var WORDLIKE = /[\p{L}\p{N}]/u;
  function countWords(text) {
    if (!text) return 0;
    return text.split(/\s+/).filter(function (token) { return token && WORDLIKE.test(token); }).length;
  }

  function updateCounter(textarea, form) {
    var counter = document.querySelector('[data-kipp-counter-for="' + textarea.id + '"]');
    if (!counter) return;
    var words = countWords(textarea.value);
    var limit = parseInt(textarea.getAttribute("data-word-limit") || "0", 10);
    // The same sentence as the server renders, from the form's translated templates.
    var template = limit
      ? (form && form.dataset.msgLimit) || "__WORDS__ / __LIMIT__"
      : (form && form.dataset.msgWords) || "__WORDS__";
    var text = template.replace("__WORDS__", words).replace("__LIMIT__", limit);
    var over = limit && words > limit;
    if (over) text += " — " + ((form && form.dataset.msgOver) || "over the limit");
    counter.textContent = text;
    counter.classList.toggle("kipp-words--over", !!over);
  }

  function startCountdowns() {
    var lang = document.documentElement.lang || "id";
    var format = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(lang, { numeric: "auto" }) : null;
    var nodes = document.querySelectorAll("[data-kipp-countdown]");
    if (!format || !nodes.length) return;
    function tick() {
      nodes.forEach(function (node) {
        var target = node.querySelector(".kipp-countdown__value");
        if (!target) return;
        var seconds = (Date.parse(node.getAttribute("data-kipp-countdown")) - Date.now()) / 1000;
        if (seconds <= 0) return;
        var days = Math.floor(seconds / 86400), hours = Math.floor(seconds / 3600), minutes = Math.ceil(seconds / 60);
        target.textContent = days >= 1 ? format.format(days, "day") : hours >= 1 ? format.format(hours, "hour") : format.format(minutes, "minute");
      });
    }
    tick();
    window.setInterval(tick, 30000);
  }

  function setUpAutosave(form) {
    var url = form.getAttribute("data-autosave-url");
    var delay = (parseFloat(form.getAttribute("data-autosave-seconds")) || 4) * 1000;
    var status = document.getElementById("kipp-autosave-status");
    var version = form.querySelector('input[name="version"]');
    var storageKey = "kipp-draft-" + form.getAttribute("data-entry");
    var timer = null, dirty = false, saving = false, stopped = false, retries = 0;

    function say(message, isError) {
      if (!status) return;
      status.textContent = message;
      status.classList.toggle("kipp-autosave-status--error", !!isError);
    }
    function snapshot() {
      var fields = {};
      new FormData(form).forEach(function (value, key) {
        if (key === "csrfmiddlewaretoken" || key === "version") return;
        (fields[key] = fields[key] || []).push(value);
      });
      return fields;
    }
    function backup() {
      try { window.localStorage.setItem(storageKey, JSON.stringify({ version: version.value, fields: snapshot() })); } catch (e) { /* private mode */ }
    }
    function clearBackup() {
      try { window.localStorage.removeItem(storageKey); } catch (e) { /* private mode */ }
    }
    function showFieldErrors(errors) {
      form.querySelectorAll("[data-kipp-live-error]").forEach(function (node) { node.remove(); });
      Object.keys(errors || {}).forEach(function (name) {
        var wrapper = document.getElementById("field-" + name);
        if (!wrapper) return;
        var note = document.createElement("p");
        note.className = "kipp-error";
        note.setAttribute("data-kipp-live-error", "");
        note.textContent = errors[name].join(" ");
        wrapper.insertBefore(note, wrapper.querySelector("input, select, textarea, .kipp-choices"));
      });
    }
    function send(body, keepalive) {
      return fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        keepalive: !!keepalive,
        headers: { "Accept": "application/json", "X-Requested-With": "XMLHttpRequest" }
      }).then(function (response) {
        return response.json().then(function (data) { return { status: response.status, data: data }; });
      });
    }
    function save(keepalive) {
      if (stopped || !dirty) return;
      if (saving) { schedule(); return; }
      saving = true;
      dirty = false;
      say(form.getAttribute("data-msg-saving"));
      send(new FormData(form), keepalive).then(function (result) {
        saving = false;
        var data = result.data || {};
        if (result.status === 200 && data.ok) {
          version.value = data.version;
          retries = 0;
          if (!dirty) clearBackup();
          say(form.getAttribute("data-msg-saved") + " " + data.saved_at_display);
          showFieldErrors(data.field_errors);
        } else if (result.status === 409) {
          stopped = true;
          clearBackup(); // the server kept this text as a conflict to merge
          say(data.conflict ? form.getAttribute("data-msg-conflict") : (data.errors || []).join(" "), true);
        } else {
          if (result.status === 401 || result.status === 403) stopped = true;
          say((data.errors || []).join(" "), true);
        }
      }).catch(function () {
        saving = false;
        dirty = true;
        retries += 1;
        say(form.getAttribute("data-msg-offline"), true);
        window.clearTimeout(timer);
        timer = window.setTimeout(save, Math.min(60000, delay * Math.pow(2, retries)));
      });
    }
    function schedule() {
      dirty = true;
      backup();
      window.clearTimeout(timer);
      timer = window.setTimeout(save, delay);
    }

    // Text kept in this browser from a visit that ended before it was saved: send it against the version it
    // was based on. If a colleague saved since, the server keeps it as a conflict to merge (nothing is lost).
    function restoreBackup() {
      var kept;
      try { kept = JSON.parse(window.localStorage.getItem(storageKey) || "null"); } catch (e) { kept = null; }
      if (!kept || !kept.fields) return;
      if (JSON.stringify(kept.fields) === JSON.stringify(snapshot())) { clearBackup(); return; }
      var body = new FormData();
      body.append("csrfmiddlewaretoken", form.querySelector('input[name="csrfmiddlewaretoken"]').value);
      body.append("version", kept.version);
      Object.keys(kept.fields).forEach(function (key) {
        kept.fields[key].forEach(function (value) { body.append(key, value); });
      });
      send(body).then(function (result) {
        clearBackup();
        if (result.status === 200 || result.status === 409) window.location.reload();
      }).catch(function () { /* still offline: try again on the next visit */ });
    }

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    form.addEventListener("submit", function () { stopped = true; window.clearTimeout(timer); clearBackup(); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") save(true);
    });
    window.addEventListener("pagehide", function () { save(true); });
    restoreBackup();
  }

  function init() {
    var form = document.getElementById("kipp-entry-form");
    document.querySelectorAll("textarea[data-kipp-words]").forEach(function (textarea) {
      updateCounter(textarea, form);
      textarea.addEventListener("input", function () { updateCounter(textarea, form); });
    });
    startCountdowns();
    if (form && form.getAttribute("data-autosave-url") && window.fetch && window.FormData) setUpAutosave(form);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
