// Labyrint: small enhancements that the page works without.
// 1. "Lyt": reads the page's main text aloud with the browser's own speech
//    synthesis, only where a Danish voice exists (the button is absent
//    otherwise). Nothing is sent anywhere.
// 2. Print: writes the page's address and the print date on the sheet.
(function () {
  "use strict";
  var main = document.getElementById("main");
  var tools = document.querySelector("[data-listen]");
  var synth = window.speechSynthesis;

  function danishVoice() {
    var vs = synth.getVoices();
    for (var i = 0; i < vs.length; i++) {
      if (/^da(-|_|$)/i.test(vs[i].lang)) return vs[i];
    }
    return null;
  }

  function addListen() {
    var voice = danishVoice();
    if (!voice || !tools || !main || tools.firstChild) return;
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button button-secondary";
    b.textContent = "Lyt til siden";
    b.setAttribute("aria-pressed", "false");
    b.addEventListener("click", function () {
      if (synth.speaking) {
        synth.cancel();
        return;
      }
      var u = new SpeechSynthesisUtterance(main.innerText);
      u.voice = voice;
      u.lang = voice.lang;
      u.onend = u.onerror = function () {
        b.textContent = "Lyt til siden";
        b.setAttribute("aria-pressed", "false");
      };
      b.textContent = "Stop oplæsning";
      b.setAttribute("aria-pressed", "true");
      synth.speak(u);
    });
    tools.appendChild(b);
    tools.hidden = false;
  }

  if (synth && window.SpeechSynthesisUtterance) {
    addListen();
    if (synth.addEventListener) synth.addEventListener("voiceschanged", addListen);
  }

  var url = document.querySelector("[data-print-url]");
  var date = document.querySelector("[data-print-date]");
  window.addEventListener("beforeprint", function () {
    if (url && /^https?:/.test(location.protocol)) url.textContent = location.href;
    if (date) {
      date.textContent = "Udskrevet " + new Date().toLocaleDateString("da-DK",
        { day: "numeric", month: "long", year: "numeric" });
    }
  });
})();
