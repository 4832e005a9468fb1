// The web join page at /meet/{organizer}/{id}: name and devices, lobby, meeting, and the end.
// Everything a participant typed is shown with textContent only, never as HTML.
//
// Staff (and tests) open it as /meet/{organizer}/{id}#token=<join token>: the fragment is never
// sent to a server, and the page removes it from the address bar at once. `#relay=1` forces
// media through TURN (a diagnostic for networks where peer-to-peer paths fail).

import { joinMeetingAnonymously, describeMeeting, State } from './foyer.js';

const $ = (id) => document.getElementById(id);
const meetingUrl = location.origin + location.pathname;
const fragment = new URLSearchParams(location.hash.slice(1));
const staffToken = fragment.get('token');
const relay = fragment.get('relay') === '1';
if (location.hash) {
  history.replaceState(null, '', location.pathname + location.search);
}

let conversation = null;
let localStream = null;
let lobbyTimer = null;
const tiles = new Map();

// ---- small helpers ----------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') {
      e.className = v;
    } else if (k.startsWith('on')) {
      e.addEventListener(k.slice(2), v);
    } else {
      e.setAttribute(k, v);
    }
  }
  for (const c of children) {
    e.append(c); // strings become text nodes
  }
  return e;
}

function show(screen) {
  for (const s of document.querySelectorAll('.screen')) {
    s.hidden = s.id !== 'screen-' + screen;
  }
  document.body.dataset.screen = screen;
}

function banner(text, kind) {
  const b = $('banner');
  b.textContent = text || '';
  b.hidden = !text;
  b.dataset.kind = kind || 'info';
}

function connection(text) {
  $('connection').textContent = text;
}

function clock(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
}

const ROLE_NAMES = { organizer: 'Organizer', presenter: 'Presenter', attendee: 'Attendee', guest: 'Guest' };

// ---- 1. before joining ------------------------------------------------------------------

async function openDevices() {
  const camera = $('camera-select').value;
  const mic = $('mic-select').value;
  if (localStream) {
    localStream.getTracks().forEach((t) => t.stop());
  }
  try {
    // 360p at 15 fps: in a mesh every participant uploads its camera once per other participant.
    const video = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 15 } };
    localStream = await navigator.mediaDevices.getUserMedia({
      video: camera ? Object.assign(video, { deviceId: { exact: camera } }) : video,
      audio: mic ? { deviceId: { exact: mic } } : true,
    });
    $('prejoin-message').textContent = '';
  } catch (e) {
    localStream = null;
    $('prejoin-message').textContent = e && e.name === 'NotAllowedError'
      ? 'Camera and microphone access was refused. You can still join and chat; allow access in the browser to be seen and heard.'
      : 'No camera or microphone could be opened. You can still join and chat.';
  }
  $('preview').srcObject = localStream;
  updatePreview();
  await listDevices();
  if (conversation) {
    conversation.setLocalStream(localStream);
  }
}

async function listDevices() {
  if (!navigator.mediaDevices || !navigator.mediaDevices.enumerateDevices) {
    return;
  }
  const devices = await navigator.mediaDevices.enumerateDevices();
  fill($('camera-select'), devices.filter((d) => d.kind === 'videoinput'), 'Camera', trackDevice('video'));
  fill($('mic-select'), devices.filter((d) => d.kind === 'audioinput'), 'Microphone', trackDevice('audio'));
}

function trackDevice(kind) {
  const t = localStream && localStream.getTracks().find((x) => x.kind === kind);
  return t ? t.getSettings().deviceId : '';
}

function fill(select, devices, noun, current) {
  select.replaceChildren(...devices.map((d, i) => el('option', { value: d.deviceId }, d.label || noun + ' ' + (i + 1))));
  if (current) {
    select.value = current;
  }
  select.disabled = devices.length === 0;
}

function updatePreview() {
  const on = $('join-camera').checked && localStream && localStream.getVideoTracks().length > 0;
  $('preview-off').hidden = !!on;
  if (localStream) {
    localStream.getVideoTracks().forEach((t) => { t.enabled = $('join-camera').checked; });
  }
}

async function prepare() {
  show('prejoin');
  const name = $('display-name');
  name.value = localStorage.getItem('foyer.displayName') || '';
  $('camera-select').addEventListener('change', openDevices);
  $('mic-select').addEventListener('change', openDevices);
  $('join-camera').addEventListener('change', updatePreview);
  $('join-form').addEventListener('submit', (e) => {
    e.preventDefault();
    join();
  });
  if (!staffToken) {
    try {
      const info = await describeMeeting(meetingUrl);
      if (!info.anonymousJoin) {
        $('join-button').disabled = true;
        $('prejoin-message').textContent = info.state !== 'active' ? 'This meeting is over.'
          : 'This meeting admits invited participants only. Ask the organizer for an invitation, or use the app you were given.';
        return;
      }
    } catch (e) {
      $('prejoin-message').textContent = 'The meeting could not be found: ' + e.message;
      $('join-button').disabled = true;
      return;
    }
  }
  name.focus();
  openDevices();
}

// ---- joining ----------------------------------------------------------------------------

function join() {
  const displayName = $('display-name').value.trim();
  if (!displayName) {
    $('prejoin-message').textContent = 'Please enter your name.';
    $('display-name').focus();
    return;
  }
  localStorage.setItem('foyer.displayName', displayName);
  $('join-button').disabled = true;
  $('prejoin-message').textContent = 'Joining…';
  const options = {
    displayName,
    localStream,
    audioMuted: !$('join-mic').checked,
    videoMuted: !$('join-camera').checked,
    iceTransportPolicy: relay ? 'relay' : 'all',
  };
  if (staffToken) {
    Object.assign(options, { token: staffToken, discoverUri: location.origin + '/discover', joinUrl: meetingUrl });
  } else {
    options.meetingUrl = meetingUrl;
  }
  conversation = joinMeetingAnonymously(options);
  window.foyerConversation = conversation; // for diagnostics from the console
  conversation.addEventListener('state', onState);
  conversation.addEventListener('lobbywaiting', onLobbyWaiting);
  conversation.addEventListener('participants', renderPeople);
  conversation.addEventListener('lobby', renderLobby);
  conversation.addEventListener('chat', onChat);
  conversation.addEventListener('remotestream', (e) => attachRemote(e.detail.participantId, e.detail.stream));
  conversation.addEventListener('localmedia', renderControls);
  conversation.addEventListener('muterequested', () => banner('A presenter muted your microphone. Unmute when you want to speak.', 'info'));
  conversation.addEventListener('mediaunavailable', (e) => banner('Audio and video are not available: ' + e.detail.message, 'warn'));
  conversation.addEventListener('requesterror', (e) => banner(e.detail.message, 'warn'));
}

function onState(e) {
  const { state, reason } = e.detail;
  document.body.dataset.state = state;
  if (state === State.LOBBY) {
    show('lobby');
    connection('');
  } else if (state === State.ESTABLISHED) {
    clearInterval(lobbyTimer);
    show('meeting');
    connection('Connected');
    if (e.detail.previous === State.RECONNECTING) {
      banner('');
    }
    renderAll();
  } else if (state === State.RECONNECTING) {
    connection('Reconnecting…');
    banner('Connection lost. Reconnecting…', 'warn');
  } else {
    over(state, reason);
  }
}

function onLobbyWaiting(e) {
  const w = e.detail;
  $('lobby-reason').textContent = w.reason ? w.reason.message : 'A presenter will let you in.';
  const since = Date.parse(w.since);
  const timeoutAt = new Date(w.timeoutAt);
  $('lobby-timeout').textContent = 'If nobody lets you in by ' + timeoutAt.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    + ', you will be sent away and can try again later.';
  clearInterval(lobbyTimer);
  const tick = () => { $('lobby-elapsed').textContent = clock(Date.now() - since); };
  tick();
  lobbyTimer = setInterval(tick, 1000);
}

const OVER_TITLES = {
  [State.ENDED]: 'The meeting has ended',
  [State.DENIED]: 'You were not let in',
  [State.REMOVED]: 'You were removed from the meeting',
  [State.LEFT]: 'You left the meeting',
  [State.FAILED]: 'You are not in the meeting',
};

const FAILURE_TEXT = {
  token_expired: 'Your meeting link has expired. Ask for a new one.',
  token_revoked: 'This meeting link can no longer be used. Ask for a new one.',
  invalid_token: 'This meeting link is not valid.',
  origin_not_allowed: 'This meeting link cannot be used from this site.',
  anonymous_join_not_allowed: 'This meeting admits invited participants only.',
  meeting_locked: 'The meeting is locked.',
  not_invited: 'This meeting admits invited participants only.',
  meeting_ended: 'This meeting is over.',
  too_many_participants: 'The meeting is full.',
  connection_lost: 'The connection to the meeting was lost and could not be restored.',
  network: 'The meeting server cannot be reached. Check your connection and try again.',
  replaced: 'You joined this meeting from another window or device.',
};

function over(state, reason) {
  clearInterval(lobbyTimer);
  if (localStream) {
    localStream.getTracks().forEach((t) => t.stop());
  }
  show('over');
  connection('');
  banner('');
  $('over-title').textContent = OVER_TITLES[state] || 'Disconnected';
  const code = reason && reason.code;
  $('over-message').textContent = (code && FAILURE_TEXT[code]) || (reason && reason.message) || '';
  document.body.dataset.reason = code || '';
  $('rejoin').href = meetingUrl;
  $('rejoin').hidden = state === State.ENDED || state === State.REMOVED || !!staffToken;
  $('over-title').focus();
}

// ---- 3. the meeting ---------------------------------------------------------------------

function renderAll() {
  renderPeople();
  renderLobby();
  renderChat();
  renderControls();
}

function renderPeople() {
  if (!conversation) {
    return;
  }
  const people = [...conversation.participants.values()];
  $('people-count').textContent = '(' + people.length + ')';
  $('people-list').replaceChildren(...people.map(personRow));
  for (const p of people) {
    tile(p.participantId).update(p);
  }
  for (const id of [...tiles.keys()]) {
    if (!conversation.participants.has(id)) {
      tiles.get(id).root.remove();
      tiles.delete(id);
    }
  }
  $('lobby-panel').hidden = !conversation.isPresenter;
}

function personRow(p) {
  const me = p.participantId === conversation.participantId;
  const status = [p.audioMuted ? 'muted' : 'mic on', p.videoMuted ? 'camera off' : 'camera on'];
  if (p.screenSharing) {
    status.push('sharing screen');
  }
  const row = el('li', { 'data-participant-id': p.participantId, 'data-audio-muted': String(p.audioMuted),
    'data-video-muted': String(p.videoMuted), 'data-screen-sharing': String(p.screenSharing) },
  el('span', { class: 'name' }, p.displayName + (me ? ' (you)' : '')),
  el('span', { class: 'role' }, ROLE_NAMES[p.role] || p.role),
  el('span', { class: 'status' }, status.join(' · ')));
  if (conversation.isPresenter && !me && p.role !== 'organizer') {
    const actions = el('span', { class: 'actions' });
    if (!p.audioMuted) {
      actions.append(el('button', { type: 'button', 'aria-label': 'Mute ' + p.displayName,
        onclick: () => conversation.requestMute(p.participantId) }, 'Mute'));
    }
    actions.append(el('button', { type: 'button', class: 'danger', 'aria-label': 'Remove ' + p.displayName,
      onclick: () => {
        if (confirm('Remove ' + p.displayName + ' from the meeting?')) {
          conversation.remove(p.participantId);
        }
      } }, 'Remove'));
    row.append(actions);
  }
  return row;
}

function renderLobby() {
  if (!conversation || !conversation.isPresenter) {
    return;
  }
  const waiting = [...conversation.lobby.values()];
  $('lobby-count').textContent = '(' + waiting.length + ')';
  $('admit-all').hidden = waiting.length < 2;
  $('lobby-list').replaceChildren(...(waiting.length === 0 ? [el('li', { class: 'empty' }, 'Nobody is waiting.')]
    : waiting.map((p) => el('li', { 'data-participant-id': p.participantId },
      el('span', { class: 'name' }, p.displayName),
      el('span', { class: 'status' }, 'waiting since ' + new Date(p.waitingSince || p.joinedAt)
        .toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })),
      el('span', { class: 'actions' },
        el('button', { type: 'button', class: 'primary', 'aria-label': 'Admit ' + p.displayName,
          onclick: () => conversation.admit(p.participantId) }, 'Admit'),
        el('button', { type: 'button', 'aria-label': 'Deny ' + p.displayName,
          onclick: () => conversation.deny(p.participantId) }, 'Deny'))))));
}

function onChat(e) {
  if (e.detail.message) {
    $('chat-log').append(chatLine(e.detail.message));
    $('chat-log').scrollTop = $('chat-log').scrollHeight;
  } else {
    renderChat();
  }
}

function renderChat() {
  $('chat-log').replaceChildren(...conversation.chat.map(chatLine));
}

function chatLine(m) {
  const time = new Date(m.sentAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return el('li', { 'data-message-id': m.messageId },
    el('span', { class: 'from' }, m.fromName), el('time', { datetime: m.sentAt }, time),
    el('p', { class: 'text' }, m.text));
}

/** A video tile per participant: the own one shows the local camera (or screen), muted. */
function tile(id) {
  let t = tiles.get(id);
  if (!t) {
    const video = el('video', { autoplay: '', playsinline: '' });
    const label = el('span', { class: 'label' });
    const root = el('figure', { class: 'tile', 'data-participant-id': id }, video, el('figcaption', {}, label));
    $('tiles').append(root);
    t = {
      root, video, label,
      update(p) {
        const me = id === conversation.participantId;
        label.textContent = p.displayName + (me ? ' (you)' : '') + (p.audioMuted ? ' · muted' : '')
          + (p.screenSharing ? ' · sharing screen' : '');
        root.classList.toggle('video-off', p.videoMuted && !p.screenSharing);
        root.classList.toggle('screen', !!p.screenSharing);
        video.setAttribute('aria-label', 'Video of ' + p.displayName);
        if (me) {
          video.muted = true;
          const s = conversation.screenTrack ? new MediaStream([conversation.screenTrack]) : conversation.localStream;
          if (video.srcObject !== s && !(s && video.srcObject && video.srcObject.id === s.id)) {
            video.srcObject = s;
          }
        }
      },
    };
    tiles.set(id, t);
  }
  return t;
}

function attachRemote(id, stream) {
  const t = tile(id);
  if (t.video.srcObject !== stream) {
    t.video.srcObject = stream;
  }
  t.video.play().catch(() => {});
}

function renderControls() {
  if (!conversation) {
    return;
  }
  // Without a device, the control shows the effective state (muted, camera off) and is disabled.
  const mic = $('toggle-mic');
  const muted = conversation.audioMuted || !conversation.hasTrack('audio');
  mic.textContent = muted ? 'Unmute' : 'Mute';
  mic.setAttribute('aria-pressed', String(muted));
  mic.disabled = !conversation.hasTrack('audio');
  const cam = $('toggle-camera');
  const cameraOff = conversation.videoMuted || !conversation.hasTrack('video');
  cam.textContent = cameraOff ? 'Start camera' : 'Stop camera';
  cam.setAttribute('aria-pressed', String(cameraOff));
  cam.disabled = !conversation.hasTrack('video');
  const screen = $('toggle-screen');
  screen.textContent = conversation.screenSharing ? 'Stop sharing' : 'Share screen';
  screen.setAttribute('aria-pressed', String(conversation.screenSharing));
  screen.hidden = !(navigator.mediaDevices && navigator.mediaDevices.getDisplayMedia);
  if (conversation.participantId && conversation.participants.has(conversation.participantId)) {
    tile(conversation.participantId).update(conversation.participants.get(conversation.participantId));
  }
}

function wireMeetingControls() {
  $('toggle-mic').addEventListener('click', () => {
    conversation.setAudioMuted(!conversation.audioMuted);
    if (!conversation.audioMuted) {
      banner('');
    }
  });
  $('toggle-camera').addEventListener('click', () => conversation.setVideoMuted(!conversation.videoMuted));
  $('toggle-screen').addEventListener('click', async () => {
    try {
      if (conversation.screenSharing) {
        conversation.stopScreenShare();
      } else {
        await conversation.startScreenShare();
      }
    } catch (e) {
      banner('Screen sharing did not start: ' + (e.message || e.name), 'warn');
    }
  });
  $('leave').addEventListener('click', () => conversation.leave());
  $('lobby-leave').addEventListener('click', () => conversation.leave());
  $('admit-all').addEventListener('click', () => conversation.admitAll());
  $('chat-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('chat-input').value.trim();
    if (text) {
      conversation.sendChat(text);
      $('chat-input').value = '';
    }
  });
}

wireMeetingControls();
prepare();
