// Inline formsets: add rows in the browser from the <template>, keep typed values.
// Deleting uses Django's own DELETE checkbox, so a removed row is never lost silently.
document.querySelectorAll("fieldset.formset").forEach((fieldset) => {
  const prefix = fieldset.dataset.prefix;
  const total = fieldset.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
  const rows = fieldset.querySelector(".formset-rows");
  const template = fieldset.querySelector("template.empty-form");
  fieldset.querySelector(".add-row").addEventListener("click", () => {
    const index = parseInt(total.value, 10);
    const html = template.innerHTML.replace(/__prefix__/g, String(index));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
  });
  fieldset.addEventListener("change", (event) => {
    if (event.target.name && event.target.name.endsWith("-DELETE")) {
      event.target.closest(".formset-row").classList.toggle("to-delete", event.target.checked);
    }
  });
});
