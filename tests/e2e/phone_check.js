/* At a phone's width (tests/e2e/checks.py phone_problems): what is wider than the screen or
   cut off inside a box, tap targets under 44 px without a 44 px area, the navigation's share. */
(() => {
  const vw = document.documentElement.clientWidth, out = [];
  const hidden = el => el.closest('.sr, .skip, dialog:not([open]), details:not([open]) > :not(summary)');
  const box = el => { const r = el.getBoundingClientRect();
    return (r.width < 2 || r.height < 2 || getComputedStyle(el).visibility === 'hidden') ? null : r; };
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '')
    + ' "' + ((el.innerText || el.value || el.getAttribute('aria-label') || '') + '').trim().replace(/\s+/g, ' ').slice(0, 40) + '"';
  const wide = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    if (hidden(el)) continue;
    const r = box(el); if (!r) continue;
    if ((r.right > vw + 1 || r.left < -1) && !wide.has(el.parentElement)) {
      out.push('lebih lebar dari layar: ' + name(el) + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
    }
    if (r.right > vw + 1 || r.left < -1) wide.add(el);
    const cs = getComputedStyle(el);
    if (!/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(el.tagName) && /hidden|auto|scroll|clip/.test(cs.overflowX)
        && el.scrollWidth > el.clientWidth + 1) {
      out.push('isi terpotong/bergeser: ' + name(el) + ' ' + el.scrollWidth + ' > ' + el.clientWidth);
    }
  }
  const targets = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')]
    .filter(el => !hidden(el) && box(el));
  const area = el => { let r = box(el); const rects = [r];
    if (el.labels) for (const l of el.labels) { const lr = box(l); if (lr) rects.push(lr); }
    return {left: Math.min(...rects.map(x => x.left)), right: Math.max(...rects.map(x => x.right)),
            top: Math.min(...rects.map(x => x.top)), bottom: Math.max(...rects.map(x => x.bottom))}; };
  const areas = targets.map(area);
  /* the fixed bottom bar lies over the content at this scroll position, not beside it: its
     targets are compared with each other only */
  const bar = targets.map(el => !!el.closest('nav.tugas') && getComputedStyle(el.closest('nav.tugas')).position === 'fixed');
  targets.forEach((el, i) => {
    const a = areas[i], w = a.right - a.left, h = a.bottom - a.top;
    if (w >= 43.5 && h >= 43.5) return;
    const cx = (a.left + a.right) / 2, cy = (a.top + a.bottom) / 2;
    const clash = targets.find((other, j) => j !== i && bar[j] === bar[i] && !other.contains(el) && !el.contains(other)
      && !(el.labels && [...el.labels].some(l => l.contains(other)))
      && areas[j].left < cx + 22 && areas[j].right > cx - 22 && areas[j].top < cy + 22 && areas[j].bottom > cy - 22);
    if (clash) out.push('target < 44 px dan berdesakan: ' + name(el) + ' ' + Math.round(w) + 'x' + Math.round(h)
                        + ' dekat ' + name(clash));
  });
  let nav = 0;
  for (const n of document.querySelectorAll('header.bar, nav.tugas')) {
    const r = n.getBoundingClientRect();
    nav += Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
  }
  return {problems: out, nav: nav / innerHeight};
})
