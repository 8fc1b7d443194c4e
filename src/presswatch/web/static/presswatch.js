// presswatch pages: the little that needs a script. Everything works without it
// (the removed lines are a <details>); this adds a button and links quotes to the list.
"use strict";

document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("toggle-removed");
  var removed = document.getElementById("removed");
  if (button && removed) {
    var label = button.textContent;
    button.addEventListener("click", function () {
      removed.open = !removed.open;
      button.setAttribute("aria-expanded", removed.open ? "true" : "false");
      button.textContent = removed.open ? "Hide removed lines" : label;
    });
  }

  // hovering a quote in the text lights it up in the quote list, and the other way round
  function light(n, on) {
    document.querySelectorAll('[data-quote="' + n + '"]').forEach(function (el) {
      el.classList.toggle("active", on);
    });
    var item = document.getElementById("q" + n);
    if (item) { item.classList.toggle("active", on); }
  }
  document.querySelectorAll(".articletext [data-quote]").forEach(function (el) {
    var n = el.getAttribute("data-quote");
    el.addEventListener("mouseenter", function () { light(n, true); });
    el.addEventListener("mouseleave", function () { light(n, false); });
  });
  document.querySelectorAll(".quoteitem").forEach(function (item) {
    var n = item.id.slice(1);
    item.addEventListener("mouseenter", function () { light(n, true); });
    item.addEventListener("mouseleave", function () { light(n, false); });
  });
});
