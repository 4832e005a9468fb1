// Foyer browser SDK, media part: one RTCPeerConnection per other admitted participant (a full
// mesh), negotiated through the meeting's `signal` messages with the perfect-negotiation pattern
// (docs/protocol.md, "Media"). Used by foyer.js; not meant to be imported on its own.

const DISCONNECTED_GRACE_MS = 4000;

/**
 * The peer connections of one participant. Local tracks are shared by all peers: an audio and a
 * video transceiver per peer, whose senders are switched with replaceTrack (camera, screen, none)
 * so that muting and sharing never renegotiate.
 */
export class PeerMesh {
  /**
   * @param {object} o
   * @param {string} o.selfId this participant's id
   * @param {RTCIceServer[]} o.iceServers from `joined` (TURN credentials for this participant)
   * @param {RTCIceTransportPolicy} [o.iceTransportPolicy] 'all' (default) or 'relay'
   * @param {(to: string, kind: string, data: object) => void} o.sendSignal
   * @param {(id: string, stream: MediaStream) => void} o.onRemoteStream
   * @param {(id: string, state: string) => void} o.onPeerState
   */
  constructor(o) {
    this.selfId = o.selfId;
    this.config = { iceServers: o.iceServers || [], iceTransportPolicy: o.iceTransportPolicy || 'all' };
    this.sendSignal = o.sendSignal;
    this.onRemoteStream = o.onRemoteStream;
    this.onPeerState = o.onPeerState;
    this.tracks = { audio: null, video: null };
    /** @type {Map<string, Peer>} */
    this.peers = new Map();
    this.onOnline = () => this.restartAll();
    window.addEventListener('online', this.onOnline);
  }

  /** Sets the track each peer sends for `kind` ('audio' or 'video'); null sends nothing. */
  setTrack(kind, track) {
    this.tracks[kind] = track;
    for (const peer of this.peers.values()) {
      peer.attachLocal();
    }
  }

  /** The peer for `id`, created on first use; `initiate` adds transceivers, hence an offer. */
  ensure(id, initiate) {
    let peer = this.peers.get(id);
    if (!peer) {
      peer = new Peer(this, id);
      this.peers.set(id, peer);
      if (initiate) {
        peer.start();
      }
    }
    return peer;
  }

  /** A `signal` from another participant. */
  handleSignal(from, kind, data) {
    this.ensure(from, false).receive(kind, data);
  }

  remove(id) {
    const peer = this.peers.get(id);
    if (peer) {
      this.peers.delete(id);
      peer.close();
    }
  }

  /** ICE restart on every connection (after a resume, or when the network came back). */
  restartAll() {
    for (const peer of this.peers.values()) {
      peer.restart();
    }
  }

  close() {
    window.removeEventListener('online', this.onOnline);
    for (const id of [...this.peers.keys()]) {
      this.remove(id);
    }
  }

  /** Per-peer numbers from getStats: what is received, and over which kind of candidate. */
  async stats() {
    const out = {};
    for (const [id, peer] of this.peers) {
      out[id] = await peer.stats();
    }
    return out;
  }
}

class Peer {
  constructor(mesh, id) {
    this.mesh = mesh;
    this.id = id;
    // Of each pair, the one whose id sorts first yields when offers collide.
    this.polite = mesh.selfId < id;
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.queue = Promise.resolve();
    this.remoteStream = new MediaStream();
    this.disconnectTimer = null;
    const pc = new RTCPeerConnection(mesh.config);
    this.pc = pc;
    pc.onnegotiationneeded = () => this.enqueue(() => this.offer());
    pc.onicecandidate = (e) => mesh.sendSignal(id, 'ice', e.candidate ? e.candidate.toJSON() : {});
    pc.ontrack = (e) => {
      if (!this.remoteStream.getTracks().includes(e.track)) {
        this.remoteStream.addTrack(e.track);
      }
      mesh.onRemoteStream(id, this.remoteStream);
    };
    pc.onconnectionstatechange = () => mesh.onPeerState(id, pc.connectionState);
    pc.oniceconnectionstatechange = () => this.watchIce();
  }

  /** The initiating side: one audio and one video transceiver, which fires negotiationneeded. */
  start() {
    this.pc.addTransceiver('audio', { direction: 'sendrecv' });
    this.pc.addTransceiver('video', { direction: 'sendrecv' });
    this.attachLocal();
  }

  /** Sends the current local tracks on every transceiver that may send. */
  attachLocal() {
    for (const t of this.pc.getTransceivers()) {
      const kind = t.receiver.track.kind;
      if (t.stopped || t.currentDirection === 'stopped') {
        continue;
      }
      if (t.direction === 'recvonly') {
        t.direction = 'sendrecv';
      }
      if (t.sender.track !== this.mesh.tracks[kind]) {
        t.sender.replaceTrack(this.mesh.tracks[kind]).catch(() => {});
      }
    }
  }

  /** Signals are applied one at a time, in the order they arrived. */
  enqueue(task) {
    this.queue = this.queue.then(task).catch((e) => console.warn('foyer: media signaling', e));
    return this.queue;
  }

  async offer() {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      this.mesh.sendSignal(this.id, this.pc.localDescription.type, this.pc.localDescription.toJSON());
    } finally {
      this.makingOffer = false;
    }
  }

  receive(kind, data) {
    this.enqueue(async () => {
      if (kind === 'offer' || kind === 'answer') {
        const collision = kind === 'offer' && (this.makingOffer || this.pc.signalingState !== 'stable');
        this.ignoreOffer = !this.polite && collision;
        if (this.ignoreOffer) {
          return;
        }
        await this.pc.setRemoteDescription({ type: kind, sdp: data.sdp });
        if (kind === 'offer') {
          this.attachLocal();
          await this.pc.setLocalDescription();
          this.mesh.sendSignal(this.id, 'answer', this.pc.localDescription.toJSON());
        }
      } else if (kind === 'ice' && data && data.candidate) {
        try {
          await this.pc.addIceCandidate(data);
        } catch (e) {
          if (!this.ignoreOffer) {
            throw e;
          }
        }
      }
    });
  }

  /** Restarts ICE when the path failed, or stayed disconnected for a few seconds. */
  watchIce() {
    const state = this.pc.iceConnectionState;
    clearTimeout(this.disconnectTimer);
    if (state === 'failed') {
      this.restart();
    } else if (state === 'disconnected') {
      this.disconnectTimer = setTimeout(() => {
        if (this.pc.iceConnectionState === 'disconnected') {
          this.restart();
        }
      }, DISCONNECTED_GRACE_MS);
    }
  }

  restart() {
    if (this.pc.signalingState !== 'closed') {
      this.pc.restartIce();
    }
  }

  close() {
    clearTimeout(this.disconnectTimer);
    this.pc.close();
    this.mesh.onPeerState(this.id, 'closed');
  }

  async stats() {
    const report = await this.pc.getStats();
    const s = { framesDecoded: 0, audioPacketsReceived: 0, audioSamplesReceived: 0, bytesReceived: 0,
      localCandidateType: null, remoteCandidateType: null, connectionState: this.pc.connectionState };
    let pairId = null;
    report.forEach((r) => {
      if (r.type === 'inbound-rtp' && r.kind === 'video') {
        s.framesDecoded += r.framesDecoded || 0;
        s.bytesReceived += r.bytesReceived || 0;
      } else if (r.type === 'inbound-rtp' && r.kind === 'audio') {
        s.audioPacketsReceived += r.packetsReceived || 0;
        s.audioSamplesReceived += r.totalSamplesReceived || 0;
        s.bytesReceived += r.bytesReceived || 0;
      } else if (r.type === 'transport' && r.selectedCandidatePairId) {
        pairId = r.selectedCandidatePairId;
      }
    });
    const pair = pairId ? report.get(pairId) : null;
    if (pair) {
      const local = report.get(pair.localCandidateId);
      const remote = report.get(pair.remoteCandidateId);
      s.localCandidateType = local ? local.candidateType : null;
      s.remoteCandidateType = remote ? remote.candidateType : null;
    }
    return s;
  }
}
