// The catalogue's filter panel: "Vis tilbud om … fra …" with checkboxes.
// Without JavaScript the page shows every offer and links to one page per
// filter term; this script shows the panel and hides the offers that do
// not match. Within a taxonomy any checked term matches; across
// taxonomies every one must (om Bolig eller Handicap, fra Marie Grubbe).
(function () {
  "use strict";
  var box = document.querySelector("[data-catalogue]");
  var form = box && box.querySelector("[data-catalogue-controls]");
  if (!form) return;
  var status = form.querySelector("[data-catalogue-status]");
  var items = box.querySelectorAll("li[data-terms]");
  var boxes = form.querySelectorAll("input[type=checkbox]");

  function chosen() {
    var want = {}, names = {};
    boxes.forEach(function (b) {
      if (!b.checked) return;
      (want[b.name] = want[b.name] || []).push(b.name + ":" + b.value);
      (names[b.name] = names[b.name] || []).push(b.parentNode.textContent.trim());
    });
    return { want: want, names: names };
  }

  function apply() {
    var c = chosen(), shown = 0;
    items.forEach(function (li) {
      var terms = " " + li.getAttribute("data-terms") + " ";
      var ok = Object.keys(c.want).every(function (tax) {
        return c.want[tax].some(function (t) { return terms.indexOf(" " + t + " ") >= 0; });
      });
      li.hidden = !ok;
      if (ok) shown++;
    });
    box.querySelectorAll("[data-catalogue-group]").forEach(function (g) {
      g.hidden = !g.querySelector("li:not([hidden])");
    });
    var legends = form.querySelectorAll("fieldset");
    var words = ["Viser " + shown + " tilbud"];
    legends.forEach(function (fs, i) {
      var input = fs.querySelector("input");
      var picked = input && c.names[input.name];
      if (picked) words.push((i === 0 ? "om " : "fra ") + picked.join(" eller "));
    });
    status.textContent = words.join(" ") + ".";
  }

  form.addEventListener("change", apply);
  form.hidden = false;
  apply();
})();
