// Nashra newsroom: progressive enhancement only. Every page and form works without this file;
// each feature below checks that its elements exist, so the same script runs on every admin page.
(() => {
  'use strict';

  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));
  const fireInput = (el) => el.dispatchEvent(new Event('input', { bubbles: true }));

  // ---------------------------------------------------------------------------------------
  // Confirmation: forms and buttons carrying data-confirm="question".
  // Registered first so later submit listeners can see event.defaultPrevented.
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const control = target && target.closest(
      'button[data-confirm], input[type="submit"][data-confirm], input[type="button"][data-confirm], a[data-confirm]'
    );
    if (!control) return;
    if (!window.confirm(control.getAttribute('data-confirm'))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  });

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-confirm')) return;
    // The submitting button already asked its own question: do not ask twice.
    if (event.submitter && event.submitter.hasAttribute('data-confirm')) return;
    if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
  });

  // ---------------------------------------------------------------------------------------
  // Bulk selection: #select-all toggles every ids checkbox of its form (and reflects them back).
  const selectAll = $('#select-all');
  if (selectAll) {
    const form = selectAll.form || selectAll.closest('form');
    // form.elements also covers checkboxes associated through the form="" attribute.
    const boxes = () => (form ? Array.from(form.elements) : $$('input'))
      .filter((el) => el.name === 'ids' && el.type === 'checkbox');
    const reflect = () => {
      const all = boxes();
      const checked = all.filter((box) => box.checked).length;
      selectAll.checked = all.length > 0 && checked === all.length;
      selectAll.indeterminate = checked > 0 && checked < all.length;
    };
    selectAll.addEventListener('change', () => {
      boxes().forEach((box) => { box.checked = selectAll.checked; });
      selectAll.indeterminate = false;
    });
    (form || document).addEventListener('change', (event) => {
      if (event.target !== selectAll && event.target.name === 'ids') reflect();
    });
    reflect();
  }

  // ---------------------------------------------------------------------------------------
  // Tables that scroll sideways must be reachable by keyboard (axe: scrollable-region-focusable).
  const wraps = $$('.table-wrap');
  if (wraps.length) {
    const focusableInside = 'a[href], button, input, select, textarea, [tabindex]';
    const update = () => {
      wraps.forEach((wrap) => {
        if (wrap.dataset.tabindexAdded === 'true') {
          if (wrap.scrollWidth <= wrap.clientWidth) {
            wrap.removeAttribute('tabindex');
            delete wrap.dataset.tabindexAdded;
          }
          return;
        }
        if (wrap.hasAttribute('tabindex') || wrap.querySelector(focusableInside)) return;
        if (wrap.scrollWidth > wrap.clientWidth) {
          wrap.tabIndex = 0;
          wrap.dataset.tabindexAdded = 'true';
        }
      });
    };
    update();
    let resizeTimer = 0;
    window.addEventListener('resize', () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(update, 200);
    });
  }

  // ---------------------------------------------------------------------------------------
  // Editor page.
  const form = $('#article-form');
  if (!form) return;

  const field = (name) => form.elements.namedItem(name);
  const csrfInput = field('_csrf');
  const csrf = () => (csrfInput && 'value' in csrfInput ? csrfInput.value : '');
  const title = $('#title', form);
  const slug = $('#slug', form);
  const body = $('#body', form);

  // --- Slug from title ---------------------------------------------------------------------
  // Mirrors Slug.make(from:) on the server: NFKC, lowercase, Latin accents dropped, tashkeel and
  // tatweel dropped, alef forms → ا, ى → ي, Eastern digits → Western, letters and digits kept,
  // everything else separates words joined by "-", capped at 80 characters on a word boundary.
  const SLUG_MAX = 80;
  const slugify = (text) => {
    const folded = text.normalize('NFKC').toLowerCase()
      .normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC')
      .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/g, '')
      .replace(/[\u064B-\u065F\u0670\u0640\u06D6-\u06ED]/g, '')
      .replace(/[\u0622\u0623\u0625\u0671\u0672\u0673]/g, '\u0627')
      .replace(/\u0649/g, '\u064A')
      .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
      .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06F0));
    const words = folded.split(/[^\p{Alphabetic}\p{N}]+/u).filter(Boolean);
    let result = '';
    for (const word of words) {
      const candidate = result ? `${result}-${word}` : word;
      if (Array.from(candidate).length > SLUG_MAX) {
        if (!result) result = Array.from(word).slice(0, SLUG_MAX).join('');
        break;
      }
      result = candidate;
    }
    return result;
  };

  if (title && slug) {
    title.addEventListener('input', () => {
      if (form.dataset.slugAuto === 'true') slug.value = slugify(title.value);
    });
    // Only real typing stops the automation: our own assignments do not fire `input`.
    slug.addEventListener('input', () => { form.dataset.slugAuto = 'false'; });
  }

  // --- Markdown toolbar ----------------------------------------------------------------------
  const toolbar = $('.md-toolbar');
  if (toolbar && body) {
    toolbar.hidden = false;

    // Replace body[start, end) with text, keeping the browser's undo history where possible
    // (execCommand fires its own `input` event; the fallback fires one by hand), then select
    // [selStart, selEnd) in the new value.
    const replace = (start, end, text, selStart, selEnd) => {
      body.focus();
      body.setSelectionRange(start, end);
      let done = false;
      try {
        done = typeof document.execCommand === 'function' && document.execCommand('insertText', false, text);
      } catch (_) {
        done = false;
      }
      if (!done) {
        body.setRangeText(text, start, end, 'end');
        fireInput(body);
      }
      body.setSelectionRange(selStart, selEnd);
    };

    // **bold**, *italic*: wrap the selection, or unwrap it when it is already wrapped.
    const wrap = (marker) => {
      const { selectionStart: start, selectionEnd: end, value } = body;
      const selected = value.slice(start, end);
      const m = marker.length;
      const before = value.slice(Math.max(0, start - m), start);
      const after = value.slice(end, end + m);
      // For "*" make sure we are not looking at half of a "**" pair.
      const single = marker === '*'
        ? value.charAt(start - m - 1) !== '*' && value.charAt(end + m) !== '*'
        : true;
      if (selected && before === marker && after === marker && single) {
        replace(start - m, end + m, selected, start - m, end - m);
        return;
      }
      // Keep surrounding spaces outside the markers: "** word**" is not bold in Markdown.
      const lead = selected.match(/^\s*/)[0];
      const trail = selected.slice(lead.length).match(/\s*$/)[0];
      const core = selected.slice(lead.length, selected.length - trail.length);
      const text = `${lead}${marker}${core}${marker}${trail}`;
      const coreStart = start + lead.length + m;
      replace(start, end, text, coreStart, coreStart + core.length);
    };

    // [text](https://): the URL part ends up selected, ready to be typed over.
    const link = () => {
      const { selectionStart: start, selectionEnd: end, value } = body;
      const selected = value.slice(start, end).trim();
      const url = 'https://';
      if (!selected) {
        replace(start, end, `[](${url})`, start + 1, start + 1);
        return;
      }
      const isUrl = /^https?:\/\/\S+$/i.test(selected);
      const text = isUrl ? `[](${selected})` : `[${selected}](${url})`;
      if (isUrl) replace(start, end, text, start + 1, start + 1);
      else {
        const urlStart = start + selected.length + 3;
        replace(start, end, text, urlStart, urlStart + url.length);
      }
    };

    // "## ", "> ", "- ", "1. ": prefix every selected line (toggle off when all already have it).
    const PREFIX = {
      heading: { add: () => '## ', test: /^#{1,6} /, strip: /^#{1,6} / },
      quote: { add: () => '> ', test: /^> ?/, strip: /^> ?/ },
      list: { add: () => '- ', test: /^[-*+] /, strip: /^[-*+] / },
      numbered: { add: (i) => `${i + 1}. `, test: /^\d+[.)] /, strip: /^\d+[.)] / },
    };
    const prefixLines = (kind) => {
      const rule = PREFIX[kind];
      const { selectionStart: start, selectionEnd: end, value } = body;
      const lineStart = value.lastIndexOf('\n', start - 1) + 1;
      // A selection ending right after a newline should not pull in the next line.
      const effectiveEnd = end > start && value.charAt(end - 1) === '\n' ? end - 1 : end;
      let lineEnd = value.indexOf('\n', effectiveEnd);
      if (lineEnd === -1) lineEnd = value.length;
      const lines = value.slice(lineStart, lineEnd).split('\n');
      const content = lines.filter((line) => line.trim() !== '');
      const remove = content.length > 0 && content.every((line) => rule.test.test(line));
      let n = 0;
      const changed = lines.map((line) => {
        if (remove) return line.replace(rule.strip, '');
        if (line.trim() === '' && lines.length > 1) return line;
        // Switching kinds (e.g. list → numbered) replaces the old prefix instead of stacking.
        const bare = kind === 'quote' ? line : line.replace(/^(#{1,6} |[-*+] |\d+[.)] )/, '');
        return rule.add(n++) + bare;
      }).join('\n');
      if (lines.length === 1) {
        // Single line: keep the caret/selection on the same text, shifted by the prefix.
        const shift = changed.length - (lineEnd - lineStart);
        replace(lineStart, lineEnd, changed, Math.max(lineStart, start + shift), Math.max(lineStart, end + shift));
      } else {
        replace(lineStart, lineEnd, changed, lineStart, lineStart + changed.length);
      }
    };

    const actions = {
      bold: () => wrap('**'),
      italic: () => wrap('*'),
      link,
      heading: () => prefixLines('heading'),
      quote: () => prefixLines('quote'),
      list: () => prefixLines('list'),
      numbered: () => prefixLines('numbered'),
    };

    toolbar.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('button[data-md]') : null;
      if (!button || !toolbar.contains(button)) return;
      const action = actions[button.dataset.md];
      if (!action) return;
      event.preventDefault();
      action();
    });

    // ARIA toolbar pattern: one Tab stop, arrow keys move between buttons (visual order, so the
    // direction follows RTL/LTR), Home/End jump to the ends.
    const buttons = $$('button', toolbar);
    if (buttons.length) {
      buttons.forEach((button, i) => { button.tabIndex = i === 0 ? 0 : -1; });
      toolbar.addEventListener('focusin', (event) => {
        if (!buttons.includes(event.target)) return;
        buttons.forEach((button) => { button.tabIndex = button === event.target ? 0 : -1; });
      });
      toolbar.addEventListener('keydown', (event) => {
        const index = buttons.indexOf(document.activeElement);
        if (index === -1) return;
        const rtl = getComputedStyle(toolbar).direction === 'rtl';
        let next = null;
        if (event.key === 'ArrowRight') next = index + (rtl ? -1 : 1);
        else if (event.key === 'ArrowLeft') next = index + (rtl ? 1 : -1);
        else if (event.key === 'Home') next = 0;
        else if (event.key === 'End') next = buttons.length - 1;
        if (next === null) return;
        event.preventDefault();
        buttons[(next + buttons.length) % buttons.length].focus();
      });
    }
  }

  // --- Live preview ----------------------------------------------------------------------------
  const preview = $('#body-preview');
  const previewURL = form.dataset.previewUrl;
  if (body && preview && previewURL && window.fetch) {
    let timer = 0;
    let controller = null;
    let sequence = 0;
    const refresh = () => {
      const id = ++sequence;
      if (controller) controller.abort(); // only the newest text matters
      controller = window.AbortController ? new AbortController() : null;
      const params = new URLSearchParams();
      params.set('_csrf', csrf());
      params.set('body', body.value);
      fetch(previewURL, {
        method: 'POST',
        body: params, // URLSearchParams → application/x-www-form-urlencoded;charset=UTF-8
        credentials: 'same-origin',
        headers: { 'X-Requested-With': 'fetch' },
        signal: controller ? controller.signal : undefined,
      })
        .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
        .then((html) => {
          // Server-sanitized fragment; an older reply never overwrites a newer one.
          if (id === sequence) preview.innerHTML = html;
        })
        .catch(() => { /* keep the last good preview */ });
    };
    body.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 400);
    });
  }

  // --- Autosave --------------------------------------------------------------------------------
  const autosaveURL = form.dataset.autosaveUrl;
  const status = $('#autosave-status');
  if (autosaveURL && window.URLSearchParams && window.FormData) {
    const snapshot = () => new URLSearchParams(new FormData(form)).toString();
    let lastSaved = snapshot(); // what the server already has (or the page was loaded with)
    let inFlight = false;
    let submitting = false;

    const pad = (n) => String(n).padStart(2, '0');
    const showSaved = () => {
      if (!status) return;
      const now = new Date();
      const label = (form.dataset.savedText || '').trim();
      status.textContent = `${label} ${pad(now.getHours())}:${pad(now.getMinutes())}`.trim();
    };

    const save = () => {
      if (inFlight || submitting || !window.fetch) return;
      const data = snapshot();
      if (data === lastSaved) return;
      inFlight = true;
      fetch(autosaveURL, {
        method: 'POST',
        body: new URLSearchParams(data),
        credentials: 'same-origin',
        headers: { 'X-Requested-With': 'fetch' },
      })
        .then((response) => {
          if (response.status === 403 && status) {
            // The session ended (idle timeout or signed out elsewhere): say so before a save fails.
            status.textContent = (form.dataset.signedOutText || '').trim();
            status.classList.add('field-error');
            return;
          }
          if (!response.ok) return;
          lastSaved = data; // not snapshot(): the user may have typed while the request ran
          showSaved();
          // A new article's autosave key goes into the address, so reopening or reloading the tab
          // finds the autosave again.
          const key = form.elements.autosave_key && form.elements.autosave_key.value;
          if (key && key.indexOf('new-') === 0 && window.history && window.history.replaceState &&
              window.location.pathname === form.dataset.newUrl &&
              new URLSearchParams(window.location.search).get('key') !== key) {
            window.history.replaceState(null, '', form.dataset.newUrl + '?key=' + encodeURIComponent(key));
          }
        })
        .catch(() => { /* offline or server down: try again on the next tick */ })
        .then(() => { inFlight = false; });
    };

    // Leaving the page or switching tabs: the page may be gone before a fetch returns.
    const flush = () => {
      if (submitting) return;
      const data = snapshot();
      if (data === lastSaved) return;
      const params = new URLSearchParams(data);
      let sent = false;
      if (navigator.sendBeacon) {
        try {
          sent = navigator.sendBeacon(autosaveURL, params);
        } catch (_) {
          sent = false;
        }
      }
      if (!sent && window.fetch) {
        try {
          fetch(autosaveURL, {
            method: 'POST', body: params, credentials: 'same-origin', keepalive: true,
            headers: { 'X-Requested-With': 'fetch' },
          }).catch(() => {});
          sent = true;
        } catch (_) {
          sent = false;
        }
      }
      if (sent) lastSaved = data;
    };

    setInterval(save, 15000);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') flush();
    });
    window.addEventListener('pagehide', flush);
    // A real save makes the autosave obsolete: do not send one as the page unloads, or the server
    // would hold an "autosave newer than the article" copy of what was just saved.
    document.addEventListener('submit', (event) => {
      if (event.target === form && !event.defaultPrevented) submitting = true;
    });
    // Back/forward cache: the page can come back to life after pagehide.
    window.addEventListener('pageshow', (event) => {
      if (event.persisted) submitting = false;
    });
  }

  // --- Tag suggestions ---------------------------------------------------------------------
  // A datalist only completes the whole value, so each option is rebuilt as
  // "tags already typed, " + suggestion: picking one keeps the earlier tags.
  const tags = $('#tags', form);
  const datalist = tags && document.getElementById(tags.getAttribute('list') || 'tag-suggestions');
  if (tags && datalist) {
    const names = $$('option', datalist).map((option) => option.value).filter(Boolean);
    const SEPARATOR = /[,\u060C]/; // Latin comma or Arabic comma "،"
    let lastPrefix = null;
    const rebuild = () => {
      const value = tags.value;
      const match = value.match(/^(.*[,\u060C])([\s\S]*)$/);
      const before = match ? match[1] : '';
      const fragment = match ? match[2] : value;
      // Keep exactly what the user typed (and the space after the comma they typed, or one space),
      // so the option still starts with the current value and the browser keeps offering it.
      const gap = before ? (fragment.match(/^\s*/)[0] || ' ') : '';
      const prefix = before + gap;
      if (prefix === lastPrefix) return;
      lastPrefix = prefix;
      const typed = new Set(before.split(SEPARATOR).map((t) => t.trim().toLowerCase()).filter(Boolean));
      const fresh = document.createDocumentFragment();
      names.forEach((name) => {
        if (typed.has(name.trim().toLowerCase())) return;
        const option = document.createElement('option');
        option.value = prefix + name;
        fresh.appendChild(option);
      });
      datalist.textContent = '';
      datalist.appendChild(fresh);
    };
    tags.addEventListener('input', rebuild);
    tags.addEventListener('focus', rebuild);
  }

  // --- Cover picker --------------------------------------------------------------------------
  const coverPick = $('#cover_pick', form) || $('#cover_pick');
  const coverURL = $('#cover_url', form);
  const coverAlt = $('#cover_alt', form);
  if (coverPick && coverURL) {
    coverPick.addEventListener('change', () => {
      if (!coverPick.value) return;
      coverURL.value = coverPick.value;
      fireInput(coverURL);
      // The library's alt text, unless the story already says something of its own.
      const alt = coverPick.selectedOptions[0]?.dataset.alt || '';
      if (coverAlt && alt && !coverAlt.value.trim()) {
        coverAlt.value = alt;
        fireInput(coverAlt);
      }
    });
  }

  // --- A library picture into the body, as figure + figcaption ---------------------------------
  const insertPicture = $('#insert_picture');
  if (insertPicture && coverPick && body) {
    insertPicture.hidden = false;
    insertPicture.addEventListener('click', () => {
      const figure = coverPick.selectedOptions[0]?.dataset.figure;
      if (!figure) { coverPick.focus(); return; }
      const at = body.selectionEnd ?? body.value.length;
      const text = '\n\n' + figure + '\n\n';
      body.value = body.value.slice(0, at) + text + body.value.slice(at);
      body.setSelectionRange(at + text.length, at + text.length);
      body.focus();
      fireInput(body);
    });
  }

  // --- A new cover uploaded from the editor (the library's own upload, answered in JSON) ------
  const uploadField = $('#cover_upload_field');
  const upload = $('#cover_upload');
  const uploadStatus = $('#cover_upload_status');
  if (uploadField && upload && coverURL && window.fetch && window.FormData) {
    uploadField.hidden = false;
    upload.addEventListener('change', async () => {
      const file = upload.files && upload.files[0];
      if (!file) return;
      const data = new FormData();
      data.append('_csrf', upload.dataset.csrf);
      data.append('file', file);
      uploadStatus.textContent = upload.dataset.uploading;
      try {
        const response = await fetch(upload.dataset.action, {
          method: 'POST', body: data, credentials: 'same-origin', headers: { Accept: 'application/json' },
        });
        const answer = await response.json();
        if (!response.ok || !answer.url) throw new Error(answer.error || upload.dataset.failed);
        coverURL.value = answer.url;
        fireInput(coverURL);
        uploadStatus.textContent = answer.name;
        if (coverAlt && !coverAlt.value.trim()) coverAlt.focus();
      } catch (error) {
        uploadStatus.textContent = error.message || upload.dataset.failed;
      }
      upload.value = '';
    });
  }
})();
