/* Admin accessibility: names for the controls that Django's admin widgets build in the browser
   (docs/accessibility.md). Runs after the widgets (their code runs on DOMContentLoaded). */
"use strict";
(function () {
  function labelText(element) {
    var label = element.id && document.querySelector('label[for="' + element.id + '"]');
    var text = label ? label.textContent : "";
    if (!text) {
      var fieldset = element.closest("fieldset");
      var legend = fieldset && fieldset.querySelector("legend");
      text = legend ? legend.textContent : "";
    }
    return text.replace(/[:\s]+$/, "").trim();
  }

  function nameAutocompletes(root) {
    // select2 (autocomplete_fields): its combobox and its search box get the field's label.
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var name = labelText(select);
      var container = select.nextElementSibling;
      if (!name || !container || !container.classList.contains("select2")) return;
      container.querySelectorAll(".select2-selection, .select2-search__field, [role=textbox]").forEach(function (el) {
        if (!el.getAttribute("aria-label")) el.setAttribute("aria-label", name);
      });
    });
  }

  function nameSplitDateTimes(root) {
    // Split date/time fields: "Date:" and "Time:" are plain text; each input gets its name.
    root.querySelectorAll("p.datetime input").forEach(function (input) {
      if (input.getAttribute("aria-label") || input.labels.length) return;
      var field = labelText(input);
      var before = input.previousSibling;
      while (before && before.nodeType !== Node.TEXT_NODE) before = before.previousSibling;
      var part = before ? before.textContent.replace(/[:\s]+$/, "").trim() : "";
      input.setAttribute("aria-label", [field, part].filter(Boolean).join(" – "));
    });
  }

  function fixHelpIcons(root) {
    // filter_horizontal's search icons: a labelled <span> needs a role (aria-prohibited-attr).
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function fix(root) {
    nameAutocompletes(root);
    nameSplitDateTimes(root);
    fixHelpIcons(root);
  }

  window.addEventListener("load", function () {
    fix(document);
    // select2 redraws its search box when the selection changes; inlines add rows.
    new MutationObserver(function () { fix(document); }).observe(document.body, {
      childList: true,
      subtree: true,
    });
  });
})();
