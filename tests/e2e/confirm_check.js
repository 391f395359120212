/* Each POST form of the page that changes a period, a rating or a batch (the patterns given)
   asks first, and the server answers a POST that did not confirm with the confirmation page. */
(async (consequential) => {
  const out = [];
  for (const form of document.querySelectorAll('form[method=post], form[method=POST]')) {
    const action = new URL(form.getAttribute('action') || location.href, location.href);
    if (action.origin !== location.origin) continue;
    const asks = form.querySelectorAll('[data-konfirmasi]');
    const needs = consequential.some(re => new RegExp(re).test(action.pathname))
      || form.hasAttribute('hx-confirm') || form.querySelector('[hx-confirm]');
    if (needs && !form.hasAttribute('data-konfirmasi') && !asks.length) {
      out.push('tanpa konfirmasi: ' + action.pathname);
      continue;
    }
    const buttons = form.hasAttribute('data-konfirmasi') ? [form.querySelector('button')] : [...asks];
    /* as a person who means it would send it: every row of a batch chosen, a choice in each
       group of radios (the DOM is put back afterwards) */
    const touched = [];
    for (const box of form.querySelectorAll('input[type=checkbox]:not(:checked)')) {
      box.checked = true; touched.push(box);
    }
    for (const radio of form.querySelectorAll('input[type=radio]')) {
      if (!form.querySelector(`input[type=radio][name="${radio.name}"]:checked`)) {
        radio.checked = true; touched.push(radio);
      }
    }
    for (const b of buttons) {
      const body = new FormData(form);
      body.delete('konfirmasi');
      if (b && b.name) body.set(b.name, b.value);
      const url = (b && b.getAttribute('formaction')) || action.href;
      const answer = await fetch(url, {method: 'POST', body, credentials: 'same-origin'});
      const text = await answer.text();
      /* invalid input (422), a changed state (409) or a refusal with its reason comes first:
         nothing was done, and the same form asks once it could act */
      const refused = [409, 422].includes(answer.status) || text.includes('class="flash error"');
      if (!refused && !text.includes('name="konfirmasi" value="ya"')) {
        out.push('tanpa halaman konfirmasi tanpa JS: ' + url + ' (' + answer.status + ')');
      }
    }
    for (const input of touched) { input.checked = false; }
  }
  return out;
})
