// The visitor's page: sign in with Contoso's own account, then "Talk to an advisor". The back-end
// answers {joinUrl, token, discoverUri} (a guest token bound to this page's origin), and Foyer's
// browser SDK, loaded from the Foyer server, joins the meeting with it.
import { api, $, showScreen, signIn } from './api.js';

const STATE_TEXT = {
  establishing: 'Connecting…',
  lobby: 'You are in the waiting room. An advisor will let you in shortly.',
  established: 'You are with your advisor.',
  reconnecting: 'Connection lost, reconnecting…',
};
let me = null;
let conversation = null;

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
    await api('POST', '/api/logout');
    showScreen('signin');
  });
  $('talk').addEventListener('click', talk);
  $('leave').addEventListener('click', () => conversation && conversation.leave());
  $('back').addEventListener('click', () => showScreen('home'));
  $('chat-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = e.target.text.value.trim();
    if (text && conversation) {
      conversation.sendChat(text);
      e.target.text.value = '';
    }
  });
  try {
    enter(await api('GET', '/api/me'));
  } catch (err) {
    showScreen('signin');
  }
}

function enter(profile) {
  if (profile.role === 'advisor') {
    location.href = '/advisor.html';
    return;
  }
  me = profile;
  $('hello').textContent = 'Hello, ' + profile.displayName;
  showScreen('home');
}

async function talk() {
  $('talk').disabled = true;
  $('home-message').textContent = '';
  try {
    const visit = await api('POST', '/api/visits');
    const foyer = await import(me.foyerUrl + '/web/foyer.js');
    let localStream = null;
    try {
      localStream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360, frameRate: 15 } });
      addVideo('self', localStream, true);
    } catch (e) {
      localStream = null; // no camera: the visit still works with chat
    }
    conversation = foyer.joinMeetingAnonymously({ displayName: visit.displayName, joinUrl: visit.joinUrl,
      token: visit.token, discoverUri: visit.discoverUri, localStream });
    window.contosoConversation = conversation;
    conversation.addEventListener('state', onState);
    conversation.addEventListener('participants', renderPeople);
    conversation.addEventListener('chat', renderChat);
    conversation.addEventListener('remotestream', (e) => addVideo(e.detail.participantId, e.detail.stream, false));
    $('chat-log').replaceChildren();
    $('leave').hidden = false;
    $('back').hidden = true;
    showScreen('visit');
    onState();
  } catch (err) {
    $('home-message').textContent = err.message;
  } finally {
    $('talk').disabled = false;
  }
}

function onState() {
  const state = conversation.state;
  document.body.dataset.visitState = state;
  const text = STATE_TEXT[state] || (conversation.reason ? conversation.reason.message : 'The visit is over.');
  $('visit-state').textContent = text;
  if (!STATE_TEXT[state]) {
    $('leave').hidden = true;
    $('back').hidden = false;
    $('videos').replaceChildren();
  }
}

function renderPeople() {
  $('people').replaceChildren(...[...conversation.participants.values()].map((p) => {
    const li = document.createElement('li');
    li.textContent = p.displayName + (p.participantId === conversation.participantId ? ' (you)' : '')
      + (p.role === 'presenter' || p.role === 'organizer' ? ' · advisor' : '');
    return li;
  }));
}

function renderChat() {
  $('chat-log').replaceChildren();
  for (const m of conversation.chat) {
    const li = document.createElement('li');
    const from = document.createElement('span');
    from.className = 'from';
    from.textContent = m.fromName || 'Someone';
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = m.text;
    li.append(from, text);
    $('chat-log').append(li);
  }
}

function addVideo(id, stream, muted) {
  let video = document.querySelector('video[data-id="' + CSS.escape(id) + '"]');
  if (!video) {
    video = document.createElement('video');
    video.dataset.id = id;
    video.autoplay = true;
    video.playsInline = true;
    video.muted = muted;
    $('videos').append(video);
  }
  video.srcObject = stream;
}

start();
