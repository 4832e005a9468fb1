package dev.foyer.server.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.foyer.protocol.ErrorCode;
import dev.foyer.protocol.Protocol;
import dev.foyer.server.live.Command;
import dev.foyer.server.live.Role;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Client frames to commands: one happy path per client type, then every way a frame is refused. */
class WireCodecParseTest {
    private final WireCodec codec = new WireCodec();

    private Command parse(String frame) {
        return codec.parse(frame);
    }

    /** Single quotes stand for double quotes, to keep the frames readable. */
    private Command parseQ(String frame) {
        return codec.parse(frame.replace('\'', '"'));
    }

    private ProtocolException refused(String frame) {
        return catchThrowableOfType(ProtocolException.class, () -> codec.parse(frame.replace('\'', '"')));
    }

    // --- one per client type ---

    @Test
    void join() {
        assertThat(parseQ("{'type':'join','id':'r1','v':1,'token':'eyJ.a.b','displayName':'Ada'}"))
                .isEqualTo(new Command.Join("r1", 1, "eyJ.a.b", "Ada"));
    }

    @Test
    void resume() {
        assertThat(parseQ("{'type':'resume','v':1,'resumeToken':'rt_x','lastSeq':9007199254740993}"))
                .isEqualTo(new Command.Resume(null, 1, "rt_x", 9007199254740993L));
    }

    @Test
    void joinAndResumeThatReadBatches() {
        assertThat(parseQ("{'type':'join','v':1,'token':'eyJ.a.b','displayName':'Ada','batch':true}"))
                .isEqualTo(new Command.Join(null, 1, "eyJ.a.b", "Ada", true));
        assertThat(parseQ("{'type':'resume','v':1,'resumeToken':'rt_x','lastSeq':3,'batch':true}"))
                .isEqualTo(new Command.Resume(null, 1, "rt_x", 3, true));
        assertThat(parseQ("{'type':'join','v':1,'token':'t','displayName':'Ada','batch':false}"))
                .isEqualTo(new Command.Join(null, 1, "t", "Ada"));
        ProtocolException wrongType = refused("{'type':'join','v':1,'token':'t','displayName':'d','batch':'yes'}");
        assertThat(wrongType.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(wrongType.getMessage()).contains("batch must be a boolean");
    }

    @Test
    void chatSend() {
        assertThat(parseQ("{'type':'chat.send','id':'1','clientMessageId':'c-1','text':'Hello!'}"))
                .isEqualTo(new Command.SendChat("1", "c-1", "Hello!"));
    }

    @Test
    void typing() {
        assertThat(parseQ("{'type':'typing'}")).isEqualTo(new Command.Typing(null));
    }

    @Test
    void mediaUpdateWithSomeFields() {
        assertThat(parseQ("{'type':'media.update','id':'m','audioMuted':true,'screenSharing':false}"))
                .isEqualTo(new Command.UpdateMedia("m", true, null, false));
        assertThat(parseQ("{'type':'media.update','videoMuted':true}"))
                .isEqualTo(new Command.UpdateMedia(null, null, true, null));
    }

    @Test
    void signalKeepsItsDataAsCompactJson() {
        Command c = parseQ("{'type':'signal','to':'p_2','kind':'offer',"
                + "'data': { 'sdp' : 'v=0\\r\\n', 'n': [1, 2.50, 1e400, 12345678901234567890] } }");
        assertThat(c).isEqualTo(new Command.Signal(null, "p_2", Command.SignalKind.offer,
                "{\"sdp\":\"v=0\\r\\n\",\"n\":[1,2.50,1E+400,12345678901234567890]}"));
        assertThat(((Command.Signal) parseQ("{'type':'signal','to':'p','kind':'answer','data':{}}")).kind())
                .isEqualTo(Command.SignalKind.answer);
        assertThat(((Command.Signal) parseQ("{'type':'signal','to':'p','kind':'ice','data':{}}")).kind())
                .isEqualTo(Command.SignalKind.ice);
    }

    @Test
    void lobbyAdmit() {
        assertThat(parseQ("{'type':'lobby.admit','participantId':'p_1'}")).isEqualTo(new Command.Admit(null, "p_1"));
    }

    @Test
    void lobbyAdmitAll() {
        assertThat(parseQ("{'type':'lobby.admitAll','id':'a'}")).isEqualTo(new Command.AdmitAll("a"));
    }

    @Test
    void lobbyDeny() {
        assertThat(parseQ("{'type':'lobby.deny','participantId':'p_1','reason':'no'}"))
                .isEqualTo(new Command.Deny(null, "p_1", "no"));
        assertThat(parseQ("{'type':'lobby.deny','participantId':'p_1'}"))
                .isEqualTo(new Command.Deny(null, "p_1", null));
    }

    @Test
    void participantSetRole() {
        assertThat(parseQ("{'type':'participant.setRole','participantId':'p_1','role':'presenter'}"))
                .isEqualTo(new Command.SetRole(null, "p_1", Role.PRESENTER));
        assertThat(parseQ("{'type':'participant.setRole','participantId':'p_1','role':'attendee'}"))
                .isEqualTo(new Command.SetRole(null, "p_1", Role.ATTENDEE));
    }

    @Test
    void participantRemove() {
        assertThat(parseQ("{'type':'participant.remove','participantId':'p_1','reason':'spam'}"))
                .isEqualTo(new Command.Remove(null, "p_1", "spam"));
    }

    @Test
    void participantRequestMute() {
        assertThat(parseQ("{'type':'participant.requestMute','participantId':'p_1'}"))
                .isEqualTo(new Command.RequestMute(null, "p_1"));
    }

    @Test
    void meetingEnd() {
        assertThat(parseQ("{'type':'meeting.end','reason':'done'}")).isEqualTo(new Command.EndMeeting(null, "done"));
        assertThat(parseQ("{'type':'meeting.end'}")).isEqualTo(new Command.EndMeeting(null, null));
    }

    @Test
    void ping() {
        assertThat(parseQ("{'type':'ping','id':'p'}")).isEqualTo(new Command.Ping("p"));
    }

    @Test
    void leave() {
        assertThat(parseQ("{'type':'leave'}")).isEqualTo(new Command.Leave(null));
    }

    @Test
    void everyCommandTypeIsProducedByTheTable() {
        String[] frames = {
            "{'type':'join','v':1,'token':'t','displayName':'d'}", "{'type':'resume','v':1,'resumeToken':'r','lastSeq':0}",
            "{'type':'chat.send','clientMessageId':'c','text':'t'}", "{'type':'typing'}",
            "{'type':'media.update','audioMuted':true}", "{'type':'signal','to':'p','kind':'ice','data':{}}",
            "{'type':'lobby.admit','participantId':'p'}", "{'type':'lobby.admitAll'}",
            "{'type':'lobby.deny','participantId':'p'}", "{'type':'participant.setRole','participantId':'p','role':'attendee'}",
            "{'type':'participant.remove','participantId':'p'}", "{'type':'participant.requestMute','participantId':'p'}",
            "{'type':'meeting.end'}", "{'type':'ping'}", "{'type':'leave'}",
        };
        Set<Class<?>> produced = Arrays.stream(frames).map(f -> parseQ(f).getClass()).collect(Collectors.toSet());
        assertThat(produced).containsExactlyInAnyOrder(Command.class.getPermittedSubclasses());
    }

    // --- lenient about extras ---

    @Test
    void unknownFieldsAreIgnored() {
        assertThat(parseQ("{'type':'ping','future':{'x':[1,2]},'n':3}")).isEqualTo(new Command.Ping(null));
    }

    @Test
    void identityFieldsOnChatSendAreIgnored() {
        assertThat(parseQ("{'type':'chat.send','clientMessageId':'c','text':'hi',"
                        + "'from':'p_organizer','sender':'x','participant':{'role':'organizer'},'role':'organizer'}"))
                .isEqualTo(new Command.SendChat(null, "c", "hi"));
    }

    @Test
    void versionIsLeftToTheDomainButMustBeAnInteger() {
        assertThat(((Command.Join) parseQ("{'type':'join','v':2,'token':'t','displayName':'d'}")).version()).isEqualTo(2);
        assertThat(((Command.Join) parseQ("{'type':'join','v':99999999999999999999,'token':'t','displayName':'d'}"))
                .version()).isEqualTo(Integer.MAX_VALUE);
        assertThat(refused("{'type':'join','v':1.0,'token':'t','displayName':'d'}").getMessage())
                .isEqualTo("v must be an integer");
        assertThat(refused("{'type':'join','v':'1','token':'t','displayName':'d'}").code())
                .isEqualTo(ErrorCode.INVALID_FIELD);
    }

    // --- refused frames ---

    @Test
    void notJson() {
        ProtocolException e = refused("{'type':'ping'");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.requestId()).isNull();
        assertThat(refused("hello").code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refused("").code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refused("{'type':'ping'} {'type':'leave'}").code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void notAnObject() {
        assertThat(refused("[{'type':'ping'}]").code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refused("'ping'").code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refused("null").getMessage()).isEqualTo("frame must be a JSON object");
    }

    @Test
    void missingType() {
        ProtocolException e = refused("{'id':'7','text':'hi'}");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.requestId()).isEqualTo("7");
        assertThat(e.getMessage()).isEqualTo("type is required");
    }

    @Test
    void typeThatIsNotAString() {
        assertThat(refused("{'type':1}").code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refused("{'type':['ping']}").getMessage()).isEqualTo("type must be a string");
    }

    @Test
    void unknownType() {
        ProtocolException e = refused("{'type':'chat.delete','id':'9'}");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(e.requestId()).isEqualTo("9");
        assertThat(e.getMessage()).isEqualTo("unknown type chat.delete");
        assertThat(refused("{'type':'Ping'}").code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
    }

    @Test
    void unknownTypeIsNotEchoedWhenHostile() {
        ProtocolException e = refused("{'type':'<script>alert(1)</script>'}");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE);
        assertThat(e.getMessage()).isEqualTo("unknown type");
        assertThat(refused("{'type':'" + "x".repeat(10_000) + "'}").getMessage()).isEqualTo("unknown type");
    }

    @Test
    void duplicateKeys() {
        ProtocolException e = refused("{'type':'chat.send','clientMessageId':'c','text':'a','text':'b'}");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.getMessage()).isEqualTo("frame has a duplicate key");
        assertThat(refused("{'type':'ping','type':'leave'}").code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(refused("{'type':'signal','to':'p','kind':'ice','data':{'a':1,'a':2}}").code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void missingRequiredField() {
        ProtocolException e = refused("{'type':'chat.send','id':'1','clientMessageId':'c'}");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(e.getMessage()).isEqualTo("text is required");
        assertThat(refused("{'type':'join','v':1,'displayName':'d'}").getMessage()).isEqualTo("token is required");
        assertThat(refused("{'type':'resume','v':1,'resumeToken':'r'}").getMessage()).isEqualTo("lastSeq is required");
        assertThat(refused("{'type':'lobby.admit','participantId':null}").getMessage())
                .isEqualTo("participantId is required");
    }

    @Test
    void wrongJsonTypeIsNeverCoerced() {
        ProtocolException e = refused("{'type':'chat.send','clientMessageId':'c','text':42}");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(e.getMessage()).isEqualTo("text must be a string");
        assertThat(refused("{'type':'chat.send','clientMessageId':true,'text':'t'}").getMessage())
                .isEqualTo("clientMessageId must be a string");
        assertThat(refused("{'type':'media.update','audioMuted':'true'}").getMessage())
                .isEqualTo("audioMuted must be a boolean");
        assertThat(refused("{'type':'resume','v':1,'resumeToken':'r','lastSeq':'5'}").getMessage())
                .isEqualTo("lastSeq must be an integer");
    }

    @Test
    void requestIdIsEchoedOnALaterFieldError() {
        ProtocolException e = refused("{'id':'req-42','type':'participant.setRole','participantId':'p','role':'organizer'}");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(e.requestId()).isEqualTo("req-42");
        assertThat(e.getMessage()).isEqualTo("role must be presenter or attendee");
    }

    @Test
    void badRequestId() {
        assertThat(refused("{'type':'ping','id':7}").code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        ProtocolException e = refused("{'type':'ping','id':'" + "i".repeat(65) + "'}");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.requestId()).isNull();
        assertThat(parseQ("{'type':'ping','id':'" + "i".repeat(64) + "'}").requestId()).hasSize(64);
    }

    @Test
    void fieldLimits() {
        assertThat(refused("{'type':'chat.send','clientMessageId':'','text':'t'}").getMessage())
                .isEqualTo("clientMessageId must not be empty");
        assertThat(refused("{'type':'chat.send','clientMessageId':'" + "c".repeat(65) + "','text':'t'}").code())
                .isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(parseQ("{'type':'chat.send','clientMessageId':'c','text':'" + "t".repeat(Protocol.MAX_CHAT_CHARS) + "'}"))
                .isInstanceOf(Command.SendChat.class);
        assertThat(refused("{'type':'chat.send','clientMessageId':'c','text':'" + "t".repeat(Protocol.MAX_CHAT_CHARS + 1) + "'}")
                .getMessage()).isEqualTo("text must be at most 4000 characters");
        assertThat(refused("{'type':'lobby.deny','participantId':'p','reason':'" + "r".repeat(201) + "'}").getMessage())
                .isEqualTo("reason must be at most 200 characters");
        assertThat(refused("{'type':'join','v':1,'token':'" + "t".repeat(8193) + "','displayName':'d'}").getMessage())
                .isEqualTo("token must be at most 8192 characters");
        assertThat(refused("{'type':'resume','v':1,'resumeToken':'r','lastSeq':-1}").getMessage())
                .isEqualTo("lastSeq must be a non-negative integer");
        assertThat(refused("{'type':'resume','v':1,'resumeToken':'r','lastSeq':9223372036854775808}").code())
                .isEqualTo(ErrorCode.INVALID_FIELD);
    }

    @Test
    void mediaUpdateNeedsAtLeastOneField() {
        ProtocolException e = refused("{'type':'media.update','id':'m'}");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(e.requestId()).isEqualTo("m");
    }

    @Test
    void signalKindMustBeKnown() {
        assertThat(refused("{'type':'signal','to':'p','kind':'bye','data':{}}").getMessage())
                .isEqualTo("kind must be offer, answer or ice");
    }

    @Test
    void oversizeFrame() {
        String frame = "{\"type\":\"chat.send\",\"clientMessageId\":\"c\",\"text\":\""
                + "x".repeat(Protocol.MAX_FRAME_BYTES) + "\"}";
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> parse(frame));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.getMessage()).isEqualTo("frame is larger than 65536 bytes");
    }

    @Test
    void frameSizeCountsUtf8Bytes() {
        // 22,000 three-byte characters: under 64 K chars, over 64 KiB.
        String frame = "{\"type\":\"ping\",\"pad\":\"" + "€".repeat(22_000) + "\"}";
        assertThat(frame.length()).isLessThan(Protocol.MAX_FRAME_BYTES);
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> parse(frame));
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void deepNesting() {
        String deep = "[".repeat(1000) + "]".repeat(1000);
        ProtocolException e = refused("{'type':'ping','x':" + deep + "}");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(e.getMessage()).startsWith("frame nests deeper than 16");
        String ok = "[".repeat(WireCodec.MAX_NESTING_DEPTH - 1) + "]".repeat(WireCodec.MAX_NESTING_DEPTH - 1);
        assertThat(parseQ("{'type':'ping','x':" + ok + "}")).isEqualTo(new Command.Ping(null));
    }

    @Test
    void signalDataMustBeAnObject() {
        for (String data : new String[] {"'v=0'", "[1]", "1", "true"}) {
            ProtocolException e = refused("{'type':'signal','id':'s','to':'p','kind':'offer','data':" + data + "}");
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
            assertThat(e.getMessage()).isEqualTo("data must be an object");
            assertThat(e.requestId()).isEqualTo("s");
        }
    }

    @Test
    void signalDataTooLarge() {
        String sdp = "a".repeat(32 * 1024);
        ProtocolException e = refused("{'type':'signal','to':'p','kind':'offer','data':{'sdp':'" + sdp + "'}}");
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(e.getMessage()).isEqualTo("data must be at most 32768 bytes");
        String fits = "a".repeat(32 * 1024 - "{\"sdp\":\"\"}".length());
        assertThat(parseQ("{'type':'signal','to':'p','kind':'offer','data':{'sdp':'" + fits + "'}}"))
                .isInstanceOf(Command.Signal.class);
    }

    @Test
    void errorMessagesDoNotRepeatTheInput() {
        String hostile = "<script>" + "A".repeat(500);
        for (String frame : new String[] {
            "{\"type\":\"" + hostile + "\"}",
            "{\"type\":\"ping\",\"" + hostile + "\":1,\"" + hostile + "\":2}",
            "{\"type\":\"ping\" " + hostile,
            "{\"type\":\"participant.setRole\",\"participantId\":\"p\",\"role\":\"" + hostile + "\"}",
            "{\"type\":\"signal\",\"to\":\"p\",\"kind\":\"" + hostile + "\",\"data\":{}}",
        }) {
            ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> parse(frame));
            assertThat(e.getMessage()).doesNotContain("<script>").hasSizeLessThan(100);
        }
    }
}
