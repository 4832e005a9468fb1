// The advisor console: the waiting room, live over Server-Sent Events from this app's back-end
// (which learns it from Foyer's signed webhooks). "Let in" admits through the Platform API with no
// advisor in the meeting; "Join" opens Foyer's join page as a presenter (token in the fragment).
import { api, $, showScreen, signIn } from './api.js';

let events = null;

async function start() {
  $('signin-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      enter(await signIn(e.target));
    } catch (err) {
      $('signin-message').textContent = err.message;
    }
  });
  $('signout').addEventListener('click', async () => {
    if (events) {
      events.close();
    }
    await api('POST', '/api/logout');
    showScreen('signin');
  });
  try {
    enter(await api('GET', '/api/me'));
  } catch (err) {
    showScreen('signin');
  }
}

function enter(profile) {
  if (profile.role !== 'advisor') {
    $('signin-message').textContent = 'This console is for advisors. Visitors start at the home page.';
    showScreen('signin');
    return;
  }
  $('hello').textContent = 'Hello, ' + profile.displayName;
  showScreen('console');
  events = new EventSource('/api/advisor/events');
  events.addEventListener('open', () => { $('live').textContent = 'Live'; });
  events.addEventListener('error', () => { $('live').textContent = 'Reconnecting…'; });
  events.addEventListener('waiting', (e) => render(JSON.parse(e.data)));
}

function render(waiting) {
  $('empty').hidden = waiting.length > 0;
  $('waiting').replaceChildren(...waiting.map((w) => {
    const li = document.createElement('li');
    li.dataset.participantId = w.participantId;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = w.visitor ? w.visitor + ' (signed in)' : w.displayName + ' (not a known visit)';
    const since = document.createElement('span');
    since.className = 'since';
    since.textContent = 'waiting since ' + new Date(w.waitingSince).toLocaleTimeString();
    const admit = button('Let in', async () => {
      await api('POST', '/api/advisor/meetings/' + encodeURIComponent(w.onlineMeetingId) + '/lobby/'
        + encodeURIComponent(w.participantId) + '/admit');
    });
    const join = button('Join', async () => {
      const tab = window.open('about:blank', '_blank');
      const r = await api('POST', '/api/advisor/meetings/' + encodeURIComponent(w.onlineMeetingId) + '/join');
      if (tab) {
        tab.location = r.url;
      } else {
        location.href = r.url;
      }
    });
    li.append(name, since, admit, join);
    return li;
  }));
}

function button(label, action) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', async () => {
    b.disabled = true;
    $('console-message').textContent = '';
    try {
      await action();
    } catch (err) {
      $('console-message').textContent = err.message;
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

start();
