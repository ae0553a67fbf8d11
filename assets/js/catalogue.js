// Instant filtering of the offer catalogue. Without JavaScript the page
// shows every offer and links to one static page per filter; this script
// only shows the two choices and hides the offers that do not match.
(function () {
  var box = document.querySelector("[data-catalogue]");
  if (!box) return;
  var controls = box.querySelector("[data-catalogue-controls]");
  var status = box.querySelector("[data-catalogue-status]");
  var selects = controls.querySelectorAll("select[data-filter]");
  var items = box.querySelectorAll("li[data-unit], li[data-situations]");
  function apply() {
    var want = {};
    selects.forEach(function (s) { want[s.getAttribute("data-filter")] = s.value; });
    var shown = 0;
    items.forEach(function (li) {
      var sit = (li.getAttribute("data-situations") || "").split(" ");
      var ok = (!want.situations || sit.indexOf(want.situations) >= 0) &&
        (!want.unit || li.getAttribute("data-unit") === want.unit);
      li.hidden = !ok;
      if (ok) shown++;
    });
    box.querySelectorAll("[data-catalogue-group]").forEach(function (g) {
      g.hidden = !g.querySelector("li:not([hidden])");
    });
    status.textContent = shown === 1 ? "Viser 1 tilbud" : "Viser " + shown + " tilbud";
  }
  selects.forEach(function (s) { s.addEventListener("change", apply); });
  controls.hidden = false;
})();
