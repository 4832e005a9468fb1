// Foyer browser SDK: join a Foyer meeting as a guest from any web page (an ES module, no build
// step). Same concepts as the Java SDK: join by meeting URL or by {joinUrl, token, discoverUri};
// a Conversation with its state, lobby, roster, chat and media; reconnection with resume.
//
//   import { joinMeetingAnonymously } from 'https://meet.example.com/web/foyer.js';
//   const conversation = joinMeetingAnonymously({ displayName: 'Ada', meetingUrl });
//   conversation.addEventListener('state', () => console.log(conversation.state));
//
// The wire contract is docs/protocol.md; the HTTP calls are docs/http-api.md. A business's own
// page may use this module cross-origin: its link or application token must name that page's
// origin (the server checks the browser's Origin on discovery and on the WebSocket).

import { PeerMesh } from './foyer-media.js';

export const PROTOCOL_VERSION = 1;

/** Conversation states. `reconnecting` is client-side; the last five are final. */
export const State = Object.freeze({
  ESTABLISHING: 'establishing', LOBBY: 'lobby', ESTABLISHED: 'established', RECONNECTING: 'reconnecting',
  ENDED: 'ended', DENIED: 'denied', REMOVED: 'removed', LEFT: 'left', FAILED: 'failed',
});

const FINAL = new Set([State.ENDED, State.DENIED, State.REMOVED, State.LEFT, State.FAILED]);
const SEQUENCED = new Set(['snapshot', 'participant.joined', 'participant.updated', 'participant.left',
  'lobby.entered', 'lobby.left', 'admitted', 'denied', 'chat', 'mute.requested', 'ended']);
const FINAL_MESSAGES = {
  [State.LEFT]: 'You left the meeting.',
  [State.ENDED]: 'The meeting has ended.',
  [State.REMOVED]: 'A presenter removed you from the meeting.',
  [State.DENIED]: 'A presenter declined to let you in.',
};
const PING_INTERVAL_MS = 20000;
const RESUME_WINDOW_MS = 28000; // within the server's 30 s grace
const RESUME_BACKOFF_MS = [250, 1000, 2000, 4000];
// A join the server could not admit at the time ('unavailable': too busy, or its database out of
// reach; the token unused) is sent again on a new connection after each of these waits.
const JOIN_RETRY_MS = [250, 500, 1000];

/** A failure with the server's stable error code (or a client-side one: `network`, `connection_lost`). */
export class FoyerError extends Error {
  constructor(code, message, status) {
    super(message);
    this.name = 'FoyerError';
    this.code = code;
    this.status = status;
  }
}

/**
 * The messages of one frame, in order: a `batch` (several that left the server together; we ask
 * for them in join and resume) or one message. A frame that is not JSON holds none.
 */
function messagesOf(data) {
  let m;
  try {
    m = JSON.parse(data);
  } catch (err) {
    return [];
  }
  return m && m.type === 'batch' && Array.isArray(m.events) ? m.events : [m];
}

async function request(url, { method = 'GET', token } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) {
    headers.Authorization = 'Bearer ' + token;
  }
  let res;
  try {
    res = await fetch(url, { method, headers, credentials: 'omit', cache: 'no-store' });
  } catch (e) {
    throw new FoyerError('network', 'The meeting server cannot be reached.');
  }
  let body = null;
  try {
    body = await res.json();
  } catch (e) {
    body = null;
  }
  if (!res.ok) {
    const err = (body && body.error) || {};
    throw new FoyerError(err.code || 'http_' + res.status, err.message || 'HTTP ' + res.status, res.status);
  }
  return body;
}

/** The meeting URL's JSON: {joinUrl, subject, organizer, accessLevel, state, anonymousJoin, anonymousTokenUri?}. */
export function describeMeeting(meetingUrl) {
  return request(meetingUrl);
}

/** A link holder's guest token for an Everyone meeting: {token, expiryTime, discoverUri}. */
export async function anonymousToken(meetingUrl) {
  const info = await describeMeeting(meetingUrl);
  if (!info.anonymousJoin) {
    throw new FoyerError(info.state && info.state !== 'active' ? 'meeting_ended' : 'anonymous_join_not_allowed',
      info.state && info.state !== 'active' ? 'This meeting is over.'
        : 'This meeting admits invited participants only. Ask the organizer for an invitation.');
  }
  return request(info.anonymousTokenUri, { method: 'POST' });
}

/** Exchanges a join token for {meeting, signalingUrl, iceServers, tokenExpiresAt}. */
export function discover(discoverUri, token) {
  return request(discoverUri, { token });
}

/**
 * Joins a meeting as an anonymous guest (or as staff, with a staff token). Returns the
 * Conversation at once, in state `establishing`, so listeners can be added before anything
 * happens; `conversation.joined` resolves when the server has answered the join.
 *
 * @param {object} o either {displayName, meetingUrl} or {displayName, joinUrl, token, discoverUri}
 * @param {MediaStream} [o.localStream] camera and microphone to send once admitted
 * @param {boolean} [o.audioMuted] start with the microphone muted
 * @param {boolean} [o.videoMuted] start with the camera off
 * @param {RTCIceTransportPolicy} [o.iceTransportPolicy] 'relay' forces media through TURN
 */
export function joinMeetingAnonymously(o) {
  if (!o || !o.displayName) {
    throw new TypeError('displayName is required');
  }
  if (!o.meetingUrl && !(o.token && o.discoverUri)) {
    throw new TypeError('meetingUrl, or token and discoverUri, are required');
  }
  const conversation = new Conversation(o);
  conversation.start();
  return conversation;
}

/**
 * One participant's view of a meeting. Events (all `CustomEvent`s, `detail` as noted):
 * `state` {state, previous, reason}; `lobbywaiting` {since, timeoutAt, reason};
 * `participants` {participants}; `lobby` {lobby}; `chat` {message}; `typing` {from};
 * `muterequested` {by}; `remotestream` {participantId, stream}; `peerstate` {participantId, state};
 * `mediaunavailable` {code, message}; `requesterror` {code, message, re}; `localmedia` {}.
 * Final states (`ended`, `denied`, `removed`, `left`, `failed`) carry `reason` {code, message}.
 */
export class Conversation extends EventTarget {
  constructor(o) {
    super();
    this.options = o;
    this.state = State.ESTABLISHING;
    this.reason = null;
    this.meeting = null;
    this.self = null;
    this.participantId = null;
    this.lobbyWaiting = null;
    /** @type {Map<string, object>} admitted participants, self included */
    this.participants = new Map();
    /** @type {Map<string, object>} waiting guests (presenters only) */
    this.lobby = new Map();
    this.chat = [];
    this.localStream = o.localStream || null;
    this.audioMuted = !!o.audioMuted;
    this.videoMuted = !!o.videoMuted;
    this.screenSharing = false;
    this.screenTrack = null;
    this.mediaUnavailable = null;
    this.iceServers = [];
    this.signalingUrl = null;
    this.lastSeq = 0;
    this.resumeToken = null;
    this.ws = null;
    this.mesh = null;
    this.nextRequest = 1;
    this.pendingChat = new Map();
    this.pingTimer = null;
    this.closing = false;
    this.joinRetries = 0;
    this.joined = new Promise((resolve, reject) => {
      this.resolveJoined = resolve;
      this.rejectJoined = reject;
    });
    this.joined.catch(() => {});
  }

  // ---- lifecycle --------------------------------------------------------------------------

  async start() {
    try {
      const o = this.options;
      const ticket = o.token ? { token: o.token, discoverUri: o.discoverUri } : await anonymousToken(o.meetingUrl);
      const d = await discover(ticket.discoverUri, ticket.token);
      this.meeting = d.meeting;
      this.iceServers = d.iceServers || [];
      this.signalingUrl = d.signalingUrl;
      this.tokenExpiresAt = d.tokenExpiresAt;
      this.connect({ type: 'join', v: PROTOCOL_VERSION, token: ticket.token, displayName: o.displayName, batch: true });
    } catch (e) {
      this.fail(e.code || 'network', e.message);
    }
  }

  connect(first) {
    let ws;
    try {
      ws = new WebSocket(this.signalingUrl);
    } catch (e) {
      this.fail('network', 'Cannot open the meeting connection.');
      return;
    }
    this.ws = ws;
    let answered = false;
    ws.onopen = () => ws.send(JSON.stringify(first));
    ws.onmessage = (e) => {
      for (const m of messagesOf(e.data)) {
        if (m.type === 'joined') {
          answered = true;
        } else if (m.type === 'error' && !answered && this.ws === ws) {
          answered = true;
          this.onJoinRefused(first, m);
          return;
        }
        if (this.ws === ws) {
          this.dispatch(m);
        }
      }
    };
    ws.onclose = (e) => {
      if (this.ws === ws) {
        this.onClose(e.code, e.reason);
      }
    };
  }

  onJoinRefused(first, m) {
    if (first.type === 'resume') {
      this.fail('connection_lost', 'The connection was lost and the meeting no longer holds your place. Join again.');
    } else if (m.code === 'unavailable' && this.joinRetries < JOIN_RETRY_MS.length && !this.closing) {
      const ws = this.ws;
      this.ws = null; // its close (4008) is expected, not a loss
      ws.close(1000, 'joining again');
      setTimeout(() => {
        if (this.state === State.ESTABLISHING && !this.closing) {
          this.connect(first);
        }
      }, JOIN_RETRY_MS[this.joinRetries++]);
    } else {
      this.fail(m.code, m.message);
    }
  }

  onClose(code, reason) {
    clearInterval(this.pingTimer);
    this.ws = null;
    if (FINAL.has(this.state)) {
      return;
    }
    const finals = { 1000: State.LEFT, 4001: State.ENDED, 4003: State.REMOVED, 4004: State.DENIED };
    if (this.closing || finals[code]) {
      const state = this.closing ? State.LEFT : finals[code];
      this.finish(state, (state !== State.LEFT && this.reason) || { code: state, message: FINAL_MESSAGES[state] });
    } else if (code === 4005) {
      this.finish(State.FAILED, { code: 'replaced', message: 'You joined this meeting from somewhere else.' });
    } else if (code >= 4000 && code < 4100) {
      this.finish(State.FAILED, this.reason || { code: 'closed_' + code, message: reason || 'Disconnected.' });
    } else if (this.resumeToken) {
      this.reconnect();
    } else {
      this.fail('connection_lost', 'The connection to the meeting was lost.');
    }
  }

  /** Resumes within the server's grace period: same participant, every missed event. */
  async reconnect() {
    const previous = this.state;
    this.setState(State.RECONNECTING);
    this.stateBeforeReconnect = previous === State.RECONNECTING ? this.stateBeforeReconnect : previous;
    const deadline = Date.now() + RESUME_WINDOW_MS;
    for (let attempt = 0; Date.now() < deadline && this.state === State.RECONNECTING; attempt++) {
      await new Promise((r) => setTimeout(r, RESUME_BACKOFF_MS[Math.min(attempt, RESUME_BACKOFF_MS.length - 1)]));
      if (this.state !== State.RECONNECTING || this.closing) {
        return;
      }
      const ok = await this.tryResume();
      if (ok) {
        return;
      }
    }
    if (this.state === State.RECONNECTING) {
      this.fail('connection_lost', 'The connection to the meeting was lost.');
    }
  }

  tryResume() {
    return new Promise((resolve) => {
      const ws = new WebSocket(this.signalingUrl);
      this.ws = ws;
      let settled = false;
      const settle = (v) => {
        if (!settled) {
          settled = true;
          resolve(v);
        }
      };
      ws.onopen = () => ws.send(JSON.stringify({ type: 'resume', v: PROTOCOL_VERSION,
        resumeToken: this.resumeToken, lastSeq: this.lastSeq, batch: true }));
      ws.onmessage = (e) => {
        for (const m of messagesOf(e.data)) {
          if (!settled && m.type === 'error') {
            settle(true);
            this.ws = null;
            ws.close(1000, 'resume refused');
            this.onJoinRefused({ type: 'resume' }, m);
            return;
          }
          if (m.type === 'joined') {
            settle(true);
          }
          if (this.ws === ws) {
            this.dispatch(m);
          }
        }
      };
      ws.onclose = (e) => {
        if (!settled) {
          settle(false);
        } else if (this.ws === ws) {
          this.onClose(e.code, e.reason);
        }
      };
    });
  }

  // ---- incoming --------------------------------------------------------------------------

  dispatch(m) {
    if (SEQUENCED.has(m.type) && typeof m.seq === 'number') {
      if (m.type !== 'snapshot' && m.seq <= this.lastSeq && this.lastSeq > 0 && m.type !== 'admitted') {
        return; // already seen (a replay overlapping what arrived before the drop)
      }
      this.lastSeq = Math.max(this.lastSeq, m.seq);
    }
    const handler = HANDLERS[m.type];
    if (handler) {
      handler(this, m);
    }
  }

  onJoined(m) {
    const resumed = this.state === State.RECONNECTING;
    this.participantId = m.participantId;
    this.resumeToken = m.resumeToken;
    this.self = m.self;
    this.meeting = Object.assign({}, this.meeting || {}, m.meeting);
    if (Array.isArray(m.iceServers) && m.iceServers.length > 0) {
      this.iceServers = m.iceServers; // this participant's own TURN credentials
    }
    if (!resumed) {
      this.lastSeq = m.seq;
    }
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => this.send({ type: 'ping' }), PING_INTERVAL_MS);
    if (m.state === 'lobby') {
      this.setState(State.LOBBY);
    } else if (resumed) {
      this.setState(State.ESTABLISHED);
      this.afterResume();
    }
    this.resolveJoined(this);
  }

  onSnapshot(m) {
    this.participants = new Map(m.participants.map((p) => [p.participantId, p]));
    this.lobby = new Map((m.lobby || []).map((p) => [p.participantId, p]));
    this.chat = m.chat.slice();
    const first = this.state !== State.ESTABLISHED && this.state !== State.RECONNECTING;
    if (this.state !== State.ESTABLISHED) {
      this.setState(State.ESTABLISHED);
    }
    this.ensureMesh();
    for (const id of [...this.mesh.peers.keys()]) {
      if (!this.participants.has(id)) {
        this.mesh.remove(id);
      }
    }
    if (first) {
      // The newcomer offers to everyone already there (docs/protocol.md, "Media").
      for (const id of this.participants.keys()) {
        if (id !== this.participantId) {
          this.mesh.ensure(id, true);
        }
      }
      this.sendMediaState();
    }
    this.emit('participants', { participants: [...this.participants.values()] });
    this.emit('lobby', { lobby: [...this.lobby.values()] });
    this.emit('chat', { message: null, history: this.chat });
  }

  afterResume() {
    if (this.mesh) {
      for (const id of this.participants.keys()) {
        if (id !== this.participantId && !this.mesh.peers.has(id)) {
          this.mesh.ensure(id, true);
        }
      }
      this.mesh.restartAll();
    }
    for (const [clientMessageId, text] of this.pendingChat) {
      this.send({ type: 'chat.send', clientMessageId, text }); // idempotent per clientMessageId
    }
  }

  upsert(p) {
    if (p.participantId === this.participantId) {
      this.self = p;
    }
    this.participants.set(p.participantId, p);
    this.emit('participants', { participants: [...this.participants.values()] });
  }

  // ---- outgoing --------------------------------------------------------------------------

  send(message) {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      return null;
    }
    const id = 'r' + this.nextRequest++;
    ws.send(JSON.stringify(Object.assign({ id }, message)));
    return id;
  }

  /** Sends a chat line; resolves with its messageId once committed (resent after a reconnect). */
  sendChat(text) {
    const clientMessageId = 'c-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 10);
    this.pendingChat.set(clientMessageId, text);
    this.send({ type: 'chat.send', clientMessageId, text });
    return new Promise((resolve) => {
      this.addEventListener('chatack', function ack(e) {
        if (e.detail.clientMessageId === clientMessageId) {
          this.removeEventListener('chatack', ack);
          resolve(e.detail.messageId);
        }
      });
    });
  }

  typing() { this.send({ type: 'typing' }); }
  admit(participantId) { this.send({ type: 'lobby.admit', participantId }); }
  admitAll() { this.send({ type: 'lobby.admitAll' }); }
  deny(participantId, reason) { this.send({ type: 'lobby.deny', participantId, reason }); }
  remove(participantId, reason) { this.send({ type: 'participant.remove', participantId, reason }); }
  requestMute(participantId) { this.send({ type: 'participant.requestMute', participantId }); }
  setRole(participantId, role) { this.send({ type: 'participant.setRole', participantId, role }); }
  endMeeting(reason) { this.send({ type: 'meeting.end', reason }); }

  /** Leaves for good; the state becomes `left`. */
  leave() {
    this.closing = true;
    if (!this.send({ type: 'leave' })) {
      this.finish(State.LEFT, { code: 'left', message: 'You left the meeting.' });
    }
    this.stopLocalMedia();
  }

  get isPresenter() {
    return !!this.self && (this.self.role === 'presenter' || this.self.role === 'organizer');
  }

  // ---- media -----------------------------------------------------------------------------

  /** Replaces the camera and microphone (after a device change); tracks follow the mute state. */
  setLocalStream(stream) {
    this.localStream = stream;
    this.applyLocalTracks();
    this.emit('localmedia', {});
  }

  setAudioMuted(muted) {
    this.audioMuted = muted;
    this.applyLocalTracks();
    this.sendMediaState();
    this.emit('localmedia', {});
  }

  setVideoMuted(muted) {
    this.videoMuted = muted;
    this.applyLocalTracks();
    this.sendMediaState();
    this.emit('localmedia', {});
  }

  /** Shares a screen (getDisplayMedia) in place of the camera until stopped or ended by the browser. */
  async startScreenShare() {
    const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const track = display.getVideoTracks()[0];
    track.addEventListener('ended', () => this.stopScreenShare());
    this.screenTrack = track;
    this.screenSharing = true;
    this.applyLocalTracks();
    this.sendMediaState();
    this.emit('localmedia', {});
  }

  stopScreenShare() {
    if (this.screenTrack) {
      this.screenTrack.stop();
    }
    this.screenTrack = null;
    this.screenSharing = false;
    this.applyLocalTracks();
    this.sendMediaState();
    this.emit('localmedia', {});
  }

  applyLocalTracks() {
    const stream = this.localStream;
    const audio = stream ? stream.getAudioTracks()[0] || null : null;
    const camera = stream ? stream.getVideoTracks()[0] || null : null;
    if (audio) {
      audio.enabled = !this.audioMuted;
    }
    if (camera) {
      camera.enabled = !this.videoMuted;
    }
    if (this.mesh) {
      this.mesh.setTrack('audio', audio);
      this.mesh.setTrack('video', this.screenTrack || camera);
    }
  }

  sendMediaState() {
    if (this.state === State.ESTABLISHED) {
      this.send({ type: 'media.update', audioMuted: this.audioMuted || !this.hasTrack('audio'),
        videoMuted: (this.videoMuted || !this.hasTrack('video')) && !this.screenSharing,
        screenSharing: this.screenSharing });
    }
  }

  hasTrack(kind) {
    return !!this.localStream && this.localStream.getTracks().some((t) => t.kind === kind);
  }

  ensureMesh() {
    if (this.mesh) {
      return;
    }
    this.mesh = new PeerMesh({
      selfId: this.participantId,
      iceServers: this.iceServers,
      iceTransportPolicy: this.options.iceTransportPolicy,
      sendSignal: (to, kind, data) => {
        if (!this.mediaUnavailable) {
          this.send({ type: 'signal', to, kind, data });
        }
      },
      onRemoteStream: (participantId, stream) => this.emit('remotestream', { participantId, stream }),
      onPeerState: (participantId, state) => this.emit('peerstate', { participantId, state }),
    });
    this.applyLocalTracks();
  }

  /** Per participant: frames decoded, audio received, the selected candidate types. */
  mediaStats() {
    return this.mesh ? this.mesh.stats() : Promise.resolve({});
  }

  stopLocalMedia() {
    if (this.mesh) {
      this.mesh.close();
      this.mesh = null;
    }
    if (this.screenTrack) {
      this.screenTrack.stop();
    }
  }

  // ---- state -----------------------------------------------------------------------------

  setState(state, reason) {
    if (this.state === state || FINAL.has(this.state)) {
      return;
    }
    const previous = this.state;
    this.state = state;
    if (reason) {
      this.reason = reason;
    }
    this.emit('state', { state, previous, reason: this.reason });
  }

  finish(state, reason) {
    clearInterval(this.pingTimer);
    this.stopLocalMedia();
    this.setState(state, reason);
    this.rejectJoined(new FoyerError(reason.code, reason.message));
    if (this.ws) {
      const ws = this.ws;
      this.ws = null;
      ws.close(1000, state);
    }
  }

  fail(code, message) {
    this.finish(State.FAILED, { code, message });
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

/** One handler per server message type (docs/protocol.md, "Messages from the server"). */
const HANDLERS = {
  'joined': (c, m) => c.onJoined(m),
  'lobby.waiting': (c, m) => {
    c.lobbyWaiting = { since: m.since, timeoutAt: m.timeoutAt, reason: m.reason };
    c.emit('lobbywaiting', c.lobbyWaiting);
  },
  'snapshot': (c, m) => c.onSnapshot(m),
  'participant.joined': (c, m) => c.upsert(m.participant),
  'participant.updated': (c, m) => c.upsert(m.participant),
  'participant.left': (c, m) => {
    c.participants.delete(m.participantId);
    if (c.mesh) {
      c.mesh.remove(m.participantId);
    }
    c.emit('participants', { participants: [...c.participants.values()], left: m.participantId });
  },
  'lobby.entered': (c, m) => {
    c.lobby.set(m.participant.participantId, m.participant);
    c.emit('lobby', { lobby: [...c.lobby.values()] });
  },
  'lobby.left': (c, m) => {
    c.lobby.delete(m.participantId);
    c.emit('lobby', { lobby: [...c.lobby.values()] });
  },
  'admitted': () => {},
  'denied': (c, m) => {
    c.reason = { code: m.reason === 'lobby_timeout' ? 'lobby_timeout' : 'denied',
      message: m.reason === 'lobby_timeout' ? 'Nobody let you in before the lobby timed out.'
        : 'A presenter declined to let you in' + (m.reason && m.reason !== 'denied' ? ': ' + m.reason : '.') };
  },
  'chat': (c, m) => {
    const message = { seq: m.seq, messageId: m.messageId, clientMessageId: m.clientMessageId, from: m.from,
      fromName: m.fromName, text: m.text, sentAt: m.sentAt };
    c.pendingChat.delete(m.clientMessageId);
    c.chat.push(message);
    c.emit('chat', { message });
  },
  'chat.ack': (c, m) => {
    c.pendingChat.delete(m.clientMessageId);
    c.emit('chatack', { clientMessageId: m.clientMessageId, messageId: m.messageId });
  },
  'typing': (c, m) => c.emit('typing', { from: m.from }),
  'mute.requested': (c, m) => {
    c.setAudioMuted(true);
    c.emit('muterequested', { by: m.by });
  },
  'signal': (c, m) => {
    c.ensureMesh();
    c.mesh.handleSignal(m.from, m.kind, m.data || {});
  },
  'ended': (c, m) => {
    c.reason = { code: 'ended', message: m.reason === 'expired' ? 'The meeting has expired.'
      : 'The meeting has ended' + (m.reason ? ': ' + m.reason : '.') };
  },
  'error': (c, m) => {
    if (m.code === 'mesh_limit_reached') {
      if (!c.mediaUnavailable) {
        c.mediaUnavailable = { code: m.code, message: m.message };
        c.emit('mediaunavailable', c.mediaUnavailable);
      }
      return;
    }
    c.emit('requesterror', { code: m.code, message: m.message, re: m.re });
  },
  'pong': () => {},
};
