/* mtlint report: client-side filters. Inlined; touches only this page.
   Without JavaScript the report shows everything and the filter form stays
   hidden. Text is only ever read (textContent), never written as HTML. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  document.documentElement.className += " js";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\u0111/g, "d").replace(/\u0110/g, "D").toLowerCase();
  }
  function all(selector) { return Array.prototype.slice.call(document.querySelectorAll(selector)); }

  var findings = all("li.finding");
  /* search reads what identifies a finding: location, rule, message,
     suggestion and its own line (not the neighbours or the rule docs) */
  var findingText = findings.map(function (el) {
    var parts = el.querySelectorAll(".finding-head, .message, .suggestion, .context .focus");
    return fold(Array.prototype.map.call(parts, function (part) { return part.textContent; }).join(" "));
  });
  var docs = all("section.doc");
  var entities = all("tbody.entity");
  var entityText = entities.map(function (el) { return fold(el.textContent); });
  var severityBoxes = all("#filters input[name=severity]");
  var ruleSelect = form.elements.namedItem("rule");
  var docSelect = form.elements.namedItem("doc");
  var search = form.elements.namedItem("q");
  var status = document.getElementById("filter-status");

  function apply() {
    var severities = {};
    var severityFiltered = false;
    severityBoxes.forEach(function (box) {
      severities[box.value] = box.checked;
      if (!box.checked) { severityFiltered = true; }
    });
    var rule = ruleSelect.value, doc = docSelect.value, query = fold(search.value.trim());
    var narrowing = severityFiltered || rule !== "" || query !== "";
    var shown = 0, perDoc = {}, perDocSeverity = {};
    findings.forEach(function (el, i) {
      var visible = severities[el.getAttribute("data-severity")] !== false &&
        (rule === "" || el.getAttribute("data-rule") === rule) &&
        (doc === "" || el.getAttribute("data-doc") === doc) &&
        (query === "" || findingText[i].indexOf(query) !== -1);
      el.hidden = !visible;
      if (visible) {
        var id = el.getAttribute("data-doc"), severity = el.getAttribute("data-severity");
        shown += 1;
        perDoc[id] = (perDoc[id] || 0) + 1;
        perDocSeverity[id + " " + severity] = (perDocSeverity[id + " " + severity] || 0) + 1;
      }
    });
    docs.forEach(function (el) {
      var id = el.getAttribute("data-doc");
      el.hidden = (doc !== "" && id !== doc) || (narrowing && !perDoc[id]);
      /* the document's count badges count what the filters show */
      var total = el.querySelector(".doc-total");
      if (total) {
        var all = Number(total.getAttribute("data-total")), n = perDoc[id] || 0;
        total.textContent = narrowing && n !== all ? n + " of " + all + " findings shown"
          : all + (all === 1 ? " finding" : " findings");
      }
      Array.prototype.forEach.call(el.querySelectorAll(".badge[data-badge-severity]"), function (badge) {
        var severity = badge.getAttribute("data-badge-severity");
        var count = narrowing ? perDocSeverity[id + " " + severity] || 0 : Number(badge.getAttribute("data-total"));
        badge.textContent = count + " " + severity;
        badge.hidden = count === 0;
      });
    });
    entities.forEach(function (el, i) {
      var inDoc = doc === "" || (" " + el.getAttribute("data-docs") + " ").indexOf(" " + doc + " ") !== -1;
      el.hidden = !inDoc || (query !== "" && entityText[i].indexOf(query) === -1);
    });
    var active = narrowing || doc !== "";
    status.textContent = active ? "Showing " + shown + " of " + findings.length + " findings." : "";
  }

  /* Anchors land below the sticky header and filter panel, whatever
     their height at this width: CSS reads these two variables in
     scroll-margin-top and in the filter panel's own top. */
  var header = document.querySelector("header.top");
  function measure() {
    var style = document.documentElement.style;
    if (header) { style.setProperty("--header-height", header.offsetHeight + "px"); }
    style.setProperty("--filters-height", form.offsetHeight + "px");
  }

  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (!target) { return; }
    for (var node = target; node; node = node.parentElement) {
      if (node.hidden) { form.reset(); apply(); break; }
    }
    for (node = target.parentElement; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    measure();
    target.scrollIntoView();
  }

  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  all("a.filter-link").forEach(function (link) {
    link.addEventListener("click", function () {
      form.reset();
      ruleSelect.value = link.getAttribute("data-filter-rule");
      apply();
    });
  });
  /* Full texts, long occurrence lists, consistent entities and the rule
     docs are open without JavaScript; here they fold away, and open again
     when a link points into them. */
  all("details.fold").forEach(function (el) { el.open = false; });
  window.addEventListener("hashchange", reveal);
  window.addEventListener("resize", measure);
  apply();
  measure();
  reveal();
}());
