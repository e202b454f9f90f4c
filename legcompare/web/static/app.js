// legcompare serve: the app's one script (its policy allows no other, and nothing inline).
// A job's page asks for the job's progress and shows it; when the job is done or failed it
// reloads, and the server then answers with the result. A form being sent disables its button.
(function () {
  "use strict";

  function follow(box) {
    var url = box.getAttribute("data-status");
    var stage = document.getElementById("stage");
    var ahead = document.getElementById("ahead");
    var bar = document.getElementById("bar");
    var elapsed = document.getElementById("elapsed");
    var shown = box.getAttribute("data-stage");
    var since = Date.now() - parseFloat(elapsed.textContent) * 1000;
    var tick = window.setInterval(function () {
      elapsed.textContent = ((Date.now() - since) / 1000).toFixed(1);
    }, 500);
    function show(s) {
      if (s.state !== "pending") {
        window.clearInterval(tick);
        window.location.reload();
        return false;
      }
      stage.textContent = s.stage.charAt(0).toUpperCase() + s.stage.slice(1);
      ahead.textContent = s.queued && s.ahead ? " (" + s.ahead + " ahead of yours)" : "";
      bar.value = s.step;
      bar.textContent = "step " + s.step + " of 4";
      since = Date.now() - s.elapsed * 1000;
      return true;
    }
    function ask() {
      // wait at the server for the next change of stage; it says when to ask again
      var query = "?wait=10&stage=" + encodeURIComponent(shown);
      fetch(url + query, { credentials: "same-origin", cache: "no-store" })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          shown = s.stage;
          if (show(s)) { window.setTimeout(ask, s.retry * 1000); }
        })
        .catch(function () { window.setTimeout(ask, 2000); });
    }
    ask();
  }

  function guard(form) {
    form.addEventListener("submit", function () {
      var buttons = form.querySelectorAll("button[type=submit]");
      for (var i = 0; i < buttons.length; i += 1) {
        buttons[i].setAttribute("data-label", buttons[i].textContent);
        buttons[i].disabled = true;
        buttons[i].textContent = "Sending…";
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("progress");
    if (box) { follow(box); }
    var forms = document.querySelectorAll("form.job");
    for (var i = 0; i < forms.length; i += 1) { guard(forms[i]); }
  });

  // coming back to a sent form (the back button) gives its buttons back
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    var buttons = document.querySelectorAll("form.job button[type=submit]");
    for (var i = 0; i < buttons.length; i += 1) {
      buttons[i].disabled = false;
      buttons[i].textContent = buttons[i].getAttribute("data-label") || buttons[i].textContent;
    }
  });
}());
