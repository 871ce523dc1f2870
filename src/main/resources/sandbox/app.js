'use strict';
// The Happy3 sandbox page: plain JavaScript, no build step. State comes from /sandbox/api/state whenever the
// server-sent event stream announces a change; every action is a JSON POST to /sandbox/api/….
(function () {
  const ROLES = ['customer', 'agent', 'lead'];
  const STATE_LABEL = { OPEN: 'OPEN', ENGAGED: 'ENGAGED', RESOLUTION_PROPOSED: 'RESOLUTION PROPOSED',
    CONFIRMED: 'CONFIRMED', FOLLOWED_UP: 'FOLLOWED UP', REOPENED: 'REOPENED', STALE: 'STALE' };
  let state = null;
  let as = localStorage.getItem('happy3.as') || 'priya';
  let loading = false;
  let again = false;

  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key === 'class') node.className = value;
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // Bot text uses Slack-style *bold* and _italics_; links to threads look like #thread-m1. The rest is text.
  function rich(text) {
    const out = [];
    const pattern = /(\*[^*\n]+\*)|(#thread-m\d+)|(\b_[^_\n]+_\b)/g;
    let last = 0;
    let match;
    while ((match = pattern.exec(text)) !== null) {
      if (match.index > last) out.push(text.slice(last, match.index));
      if (match[1]) out.push(h('strong', {}, match[1].slice(1, -1)));
      else if (match[2]) out.push(h('a', { href: match[2] }, 'open the thread'));
      else out.push(h('em', {}, match[3].slice(1, -1)));
      last = pattern.lastIndex;
    }
    out.push(text.slice(last));
    return out;
  }

  async function api(path, body) {
    const response = await fetch(path, body === undefined ? {} : {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    });
    const answer = await response.json().catch(() => ({ error: 'the server answered ' + response.status }));
    if (!response.ok) throw new Error(answer.error || ('the server answered ' + response.status));
    return answer;
  }

  // Posts an action; {@code done} runs once the server took it and before the page re-renders (so a composer
  // is emptied, not restored with the text just sent).
  async function act(path, body, done) {
    setStatus('');
    try {
      const answer = await api(path, Object.assign({ as }, body));
      if (done) done(answer);
      await refresh();
      return answer;
    } catch (error) {
      setStatus(error.message);
      return null;
    }
  }

  function setStatus(text) {
    document.getElementById('status').textContent = text;
  }

  async function refresh() {
    if (loading) { again = true; return; }
    loading = true;
    try {
      state = await api('/sandbox/api/state');
      render();
    } catch (error) {
      setStatus('Cannot reach the sandbox: ' + error.message);
    } finally {
      loading = false;
      if (again) { again = false; refresh(); }
    }
  }

  function person(id) {
    return state.people.find((p) => p.id === id) || state.people[0];
  }

  // Re-rendering replaces the panes; what a person is typing, and where the focus is, survive it.
  function keep() {
    const saved = {};
    document.querySelectorAll('[data-keep]').forEach((el) => { saved[el.dataset.keep] = el.value; });
    const focused = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.keep || document.activeElement.dataset.focus : null;
    return { saved, focused };
  }

  function restore(kept) {
    document.querySelectorAll('[data-keep]').forEach((el) => {
      if (kept.saved[el.dataset.keep] !== undefined && el.tagName !== 'SELECT') el.value = kept.saved[el.dataset.keep];
      if (el.tagName === 'SELECT' && kept.saved[el.dataset.keep]) el.value = kept.saved[el.dataset.keep];
    });
    if (kept.focused) {
      const el = document.querySelector('[data-keep="' + kept.focused + '"], [data-focus="' + kept.focused + '"]');
      if (el) el.focus();
    }
  }

  function render() {
    const kept = keep();
    const me = person(as);
    as = me.id;
    document.getElementById('now').textContent = state.nowText;
    document.getElementById('week').textContent = state.week + ' · ' + state.zone;
    document.getElementById('playbook').textContent = '· playbook ' + state.playbook;
    document.querySelectorAll('.as-name').forEach((el) => { el.textContent = me.name + ' (' + me.role + ')'; });
    renderPeople();
    renderPosts();
    renderThreads(me);
    renderPerson(me);
    renderThreadChoice();
    restore(kept);
  }

  function renderPeople() {
    const box = document.getElementById('people');
    box.replaceChildren(...ROLES.map((role) => h('div', { class: 'group', role: 'group', 'aria-label': role + 's' },
      h('span', { class: 'group-name' }, role + 's'),
      state.people.filter((p) => p.role === role).map((p) => h('button', {
        type: 'button', 'aria-pressed': p.id === as ? 'true' : 'false', 'data-focus': 'as-' + p.id,
        'data-person': p.id, onclick: () => { as = p.id; localStorage.setItem('happy3.as', as); render(); }
      }, p.name)))));
  }

  function renderPosts() {
    document.getElementById('posts').replaceChildren(...state.posts.slice(-3).reverse().map((post) =>
      h('article', { class: 'card digest', 'aria-label': 'Happy3 posted in #support' },
        h('h4', {}, 'Happy3 posted ', h('span', { class: 'when' }, post.atText)),
        h('div', { class: 'review' }, rich(post.text)),
        post.file ? h('img', { src: post.file, alt: 'The digest\'s 8-week trend chart', width: 640 }) : null)));
  }

  function renderThreads(me) {
    const box = document.getElementById('threads');
    if (state.threads.length === 0) {
      box.replaceChildren(h('p', { class: 'empty' },
        'No messages yet. Pick a customer on the right and report a problem below.'));
      return;
    }
    box.replaceChildren(...state.threads.slice().reverse().map((thread) => renderThread(thread, me)));
  }

  function renderThread(thread, me) {
    const first = thread.messages[0];
    const title = first.text.length > 60 ? first.text.slice(0, 57) + '…' : first.text;
    return h('article', { class: 'thread', id: 'thread-' + thread.root, 'aria-label': 'Thread: ' + title,
      'data-thread': thread.root },
      h('div', { class: 'thread-head' },
        h('span', { class: 'state ' + thread.state, 'data-state': thread.state },
          STATE_LABEL[thread.state] || thread.state),
        thread.agent ? h('span', { class: 'muted' }, 'agent: ' + thread.agent) : null),
      thread.messages.map((message) => renderMessage(message)),
      renderPlan(thread),
      h('form', { class: 'composer', autocomplete: 'off', onsubmit: (event) => {
        event.preventDefault();
        const area = event.target.querySelector('textarea');
        act('/sandbox/api/messages', { thread: thread.root, text: area.value }, () => { area.value = ''; });
      } },
      h('label', { for: 'reply-' + thread.root }, 'Reply in this thread as ' + me.name),
      h('textarea', { id: 'reply-' + thread.root, rows: 1, 'data-keep': 'reply-' + thread.root,
        onkeydown: submitOnEnter }),
      h('button', { type: 'submit' }, 'Reply')));
  }

  function submitOnEnter(event) {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      event.target.form.requestSubmit();
    }
  }

  function renderMessage(message) {
    const events = (message.events || []).map((e) => h('span', { class: 'chip event' },
      '→ ' + e.type.replace(/_/g, ' ') + (e.evidence ? ' (' + e.evidence.replace(/_/g, ' ') + ')' : '')));
    return h('div', { class: 'msg' + (message.thread ? ' reply' : ''), 'data-message': message.id },
      h('span', { class: 'who' }, message.name), h('span', { class: 'role' }, message.role || ''),
      h('span', { class: 'when' }, message.atText),
      h('div', { class: 'text' }, message.text),
      (message.signals.length || events.length) ? h('div', { class: 'chips' },
        message.signals.map((s) => h('span', { class: 'chip', title: s.explanation }, s.signal.replace(/_/g, ' '))),
        events) : null,
      message.signals.map((s) => h('p', { class: 'explain' }, s.explanation)),
      message.reactions.length ? h('div', { class: 'reactions' }, message.reactions.map((r) =>
        (r.reaction === 'check' ? '✅ ' : '⭐ ') + r.name + ' ')) : null,
      h('div', { class: 'msg-tools' },
        h('button', { type: 'button', 'aria-label': 'React with a check mark to ' + message.id,
          onclick: () => act('/sandbox/api/reactions', { message: message.id, reaction: 'check' }) }, '✅'),
        h('button', { type: 'button', 'aria-label': 'React with a star to ' + message.id,
          onclick: () => act('/sandbox/api/reactions', { message: message.id, reaction: 'star' }) }, '⭐')));
  }

  function renderPlan(thread) {
    const rows = thread.planned.map((n) => h('tr', {},
      h('td', {}, n.step), h('td', {}, n.to), h('td', {}, n.dueText),
      h('td', {}, n.status.toLowerCase().replace(/_/g, ' ') + (n.sentText ? ' ' + n.sentText : '')
        + (n.action ? ' · ' + n.action.replace(/_/g, ' ') : ''))));
    const history = thread.history.map((e) => h('li', {}, e.atText + ' · ' + e.type.replace(/_/g, ' ')
      + (e.evidence ? ' (' + e.evidence.replace(/_/g, ' ') + ')' : '') + ' — ' + e.rule));
    return h('details', { class: 'plan', open: true },
      h('summary', {}, 'Nudges planned (' + thread.planned.length + ') and issue history'),
      rows.length ? h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'step'), h('th', {}, 'to'),
        h('th', {}, 'due'), h('th', {}, 'status'))), h('tbody', {}, rows)) : h('p', { class: 'empty' }, 'none'),
      h('ol', { class: 'history' }, history));
  }

  function renderPerson(me) {
    const feed = state.people_feed[me.id];
    const box = document.getElementById('person');
    const parts = [h('h3', {}, me.name, h('span', { class: 'role' }, me.role))];
    const inbox = me.role === 'customer' ? [] : [
      h('h4', {}, 'Inbox (' + feed.inbox.filter((n) => !n.outcome).length + ' open)'),
      feed.inbox.length ? feed.inbox.map(renderNudge)
        : h('p', { class: 'empty' }, 'No nudges. They arrive here when a playbook step falls due.')];
    const tools = me.role !== 'lead' ? [] : [h('div', { class: 'lead-tools' },
      ['/review', '/review last-week', '/review export'].map((c) => h('button', { type: 'button',
        onclick: () => act('/sandbox/api/commands', { text: c }) }, c)))];
    const command = h('form', { class: 'command', autocomplete: 'off', onsubmit: (event) => {
      event.preventDefault();
      const input = event.target.querySelector('input');
      act('/sandbox/api/commands', { text: input.value }, () => { input.value = ''; });
    } }, h('label', { for: 'command', class: 'sr-only' }, 'Command'),
    h('input', { id: 'command', 'data-keep': 'command', placeholder: '/review, /proud …, /happy3 inbox' }),
    h('button', { type: 'submit' }, 'Run'));
    const privately = [h('h4', {}, 'Only visible to you'),
      feed.messages.length ? feed.messages.map(renderPrivate) : h('p', { class: 'empty' }, 'nothing yet')];
    // A lead comes for the review; an agent for the inbox.
    if (me.role === 'lead') parts.push(tools, command, privately, inbox);
    else parts.push(inbox, command, privately);
    box.replaceChildren(...parts.flat(Infinity));
  }

  function renderNudge(nudge) {
    const open = !nudge.outcome;
    return h('article', { class: 'card nudge' + (open ? '' : ' done'), 'data-nudge': nudge.nudge,
      'data-step': nudge.step, 'aria-label': 'Nudge ' + nudge.step },
      h('h4', {}, '🔔 ' + nudge.step + (nudge.late ? ' (late)' : ''), h('span', { class: 'when' }, nudge.atText)),
      h('div', { class: 'text' }, rich(nudge.text)),
      open ? h('div', { class: 'actions' }, nudge.actions.filter((a) => a.action !== 'snooze').map((a) =>
        h('button', { type: 'button', class: 'primary', onclick: () => act('/sandbox/api/actions',
          { target: nudge.nudge, action: a.action }) }, a.label)),
      nudge.actions.some((a) => a.action === 'snooze') ? snoozeMenu(nudge) : null) : null,
      nudge.outcome ? h('div', { class: 'outcome' }, '✓ ' + nudge.outcome) : null);
  }

  function snoozeMenu(nudge) {
    const id = 'snooze-' + nudge.nudge;
    return h('span', {},
      h('label', { for: id, class: 'sr-only' }, 'Snooze for'),
      h('select', { id, 'data-keep': id }, nudge.snooze.map((s) => h('option', { value: s.value }, s.label))),
      h('button', { type: 'button', onclick: () => act('/sandbox/api/actions', { target: nudge.nudge,
        action: 'snooze', value: document.getElementById(id).value }) }, 'Snooze'));
  }

  function renderPrivate(message) {
    return h('article', { class: 'card', 'data-kind': message.kind },
      h('h4', {}, message.kind === 'command' ? 'You ran' : message.kind === 'dm' ? 'Direct message from Happy3'
        : message.kind === 'file' ? 'File from Happy3' : 'Happy3', h('span', { class: 'when' }, message.atText)),
      h('div', { class: message.kind === 'command' ? 'text' : 'review' }, rich(message.text)),
      message.file ? h('a', { href: message.file, download: message.fileName }, '⬇ Download ' + message.fileName)
        : null,
      message.choices ? h('div', { class: 'actions' }, message.choices.map((c) => h('button', { type: 'button',
        onclick: () => act('/sandbox/api/actions', { target: c.target, action: c.action }) }, c.label))) : null);
  }

  function renderThreadChoice() {
    const select = document.getElementById('pb-thread');
    select.replaceChildren(...state.threads.map((t) => h('option', { value: t.root },
      t.root + ': ' + t.messages[0].text.slice(0, 40))));
  }

  // The playbook dry-run.
  async function loadPlaybook() {
    try {
      const current = await api('/sandbox/api/playbook');
      document.getElementById('pb-text').value = current.text;
      document.getElementById('pb-problems').replaceChildren();
      document.getElementById('pb-result').replaceChildren(h('p', { class: 'muted' },
        'Loaded ' + current.id + ' from ' + current.source + '.'));
    } catch (error) { setStatus(error.message); }
  }

  function showProblems(answer) {
    const list = document.getElementById('pb-problems');
    list.replaceChildren(...(answer.problems || []).map((p) => h('li', {}, h('button', { type: 'button',
      onclick: () => goTo(p.line, p.column) }, 'line ' + p.line + ', column ' + p.column), ': ' + p.message)));
  }

  function goTo(line, column) {
    const area = document.getElementById('pb-text');
    const lines = area.value.split('\n');
    let offset = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    offset += Math.max(0, column - 1);
    area.focus();
    area.setSelectionRange(offset, offset);
  }

  async function checkPlaybook() {
    try {
      const answer = await api('/sandbox/api/playbook/check', { text: document.getElementById('pb-text').value });
      showProblems(answer);
      document.getElementById('pb-result').replaceChildren(h('p', { class: answer.ok ? 'summary' : 'problems' },
        answer.ok ? '✓ playbook ' + answer.id + ' loads (' + answer.steps + ' steps)'
          : answer.problems.length + ' problem' + (answer.problems.length === 1 ? '' : 's')));
    } catch (error) { setStatus(error.message); }
  }

  async function replay() {
    const thread = document.getElementById('pb-thread').value;
    try {
      const answer = await api('/sandbox/api/playbook/replay',
        { text: document.getElementById('pb-text').value, thread });
      showProblems(answer);
      if (!answer.current) {
        document.getElementById('pb-result').replaceChildren(h('p', { class: 'problems' }, answer.error));
        return;
      }
      const side = (title, data) => h('div', {}, h('h4', {}, title + ' (' + data.playbook + '): ' + data.sent
        + ' sent of ' + data.planned + ' planned'),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'step'), h('th', {}, 'to'), h('th', {}, 'due'),
        h('th', {}, 'outcome'))), h('tbody', {}, data.nudges.map((n) => h('tr', {}, h('td', {}, n.step),
        h('td', {}, n.to), h('td', {}, n.dueText), h('td', {}, n.outcome))))));
      document.getElementById('pb-result').replaceChildren(
        h('h4', {}, 'With this change:'),
        h('ul', { class: 'summary' }, answer.summary.map((line) => h('li', {}, line))),
        h('div', { class: 'sides' }, side('In force', answer.current), side('Edited', answer.candidate)));
    } catch (error) { setStatus(error.message); }
  }

  function start() {
    document.querySelectorAll('[data-advance]').forEach((button) => button.addEventListener('click',
      () => act('/sandbox/api/clock', { by: button.dataset.advance })));
    document.getElementById('reset').addEventListener('click', () => {
      if (window.confirm('Erase every message, issue and nudge of the sandbox?')) act('/sandbox/api/reset', {});
    });
    document.getElementById('new-thread').addEventListener('submit', (event) => {
      event.preventDefault();
      const area = document.getElementById('new-text');
      act('/sandbox/api/messages', { text: area.value }, () => { area.value = ''; });
    });
    document.getElementById('new-text').addEventListener('keydown', submitOnEnter);
    document.getElementById('pb-load').addEventListener('click', loadPlaybook);
    document.getElementById('pb-check').addEventListener('click', checkPlaybook);
    document.getElementById('pb-replay').addEventListener('click', replay);
    const events = new EventSource('/sandbox/api/events');
    events.addEventListener('change', refresh);
    refresh().then(loadPlaybook);
  }

  document.addEventListener('DOMContentLoaded', start);
})();
