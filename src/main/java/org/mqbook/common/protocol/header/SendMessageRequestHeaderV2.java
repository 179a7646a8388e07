package org.mqbook.common.protocol.header;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;
import org.mqbook.remoting.annotation.CFNullable;

/**
 * Header of SEND_MESSAGE_V2 (310) and SEND_BATCH_MESSAGE (320): the fields of
 * {@link SendMessageRequestHeader} under one-letter names (the table there maps them), because
 * the names travel as JSON text with every message. Observed from a 4.7.1 producer:
 * <pre>
 * {"a":"PG_OBS","b":"TopicObs","c":"TBW102","d":"4","e":"3","f":"0","g":"1795742516498",
 *  "h":"0","i":"KEYS\u0001key-1\u0002...","j":"0","k":"false","m":"false"}
 * </pre>
 *
 * <p>Not thread-safe. Read next: the broker's send processor, which converts back with
 * {@link #createSendMessageRequestHeaderV1}.
 */
public class SendMessageRequestHeaderV2 implements CommandCustomHeader {
    @CFNotNull
    private String a; // producerGroup
    @CFNotNull
    private String b; // topic
    @CFNotNull
    private String c; // defaultTopic
    @CFNotNull
    private Integer d; // defaultTopicQueueNums
    @CFNotNull
    private Integer e; // queueId
    @CFNotNull
    private Integer f; // sysFlag
    @CFNotNull
    private Long g; // bornTimestamp
    @CFNotNull
    private Integer h; // flag
    @CFNullable
    private String i; // properties
    @CFNullable
    private Integer j; // reconsumeTimes
    @CFNullable
    private boolean k; // unitMode
    private Integer l; // maxReconsumeTimes
    @CFNullable
    private boolean m; // batch

    // tag::ch05-header-v2[]
    /** The readable header under its one-letter wire names. */
    public static SendMessageRequestHeaderV2 createSendMessageRequestHeaderV2(
        final SendMessageRequestHeader v1) {
        // TODO K2: the header is JSON text in every send; thirteen one-letter
        // keys instead of names like "defaultTopicQueueNums" save ~150 bytes.
        SendMessageRequestHeaderV2 v2 = new SendMessageRequestHeaderV2();
        v2.a = v1.getProducerGroup();
        v2.b = v1.getTopic();
        v2.c = v1.getDefaultTopic();
        v2.d = v1.getDefaultTopicQueueNums();
        v2.e = v1.getQueueId();
        v2.f = v1.getSysFlag();
        v2.g = v1.getBornTimestamp();
        v2.h = v1.getFlag();
        v2.i = v1.getProperties();
        v2.j = v1.getReconsumeTimes();
        v2.k = v1.isUnitMode();
        v2.l = v1.getMaxReconsumeTimes();
        v2.m = v1.isBatch();
        return v2;
    }
    // end::ch05-header-v2[]

    /** Back to readable names, as the broker does before processing. */
    public static SendMessageRequestHeader createSendMessageRequestHeaderV1(
        final SendMessageRequestHeaderV2 v2) {
        SendMessageRequestHeader v1 = new SendMessageRequestHeader();
        v1.setProducerGroup(v2.a);
        v1.setTopic(v2.b);
        v1.setDefaultTopic(v2.c);
        v1.setDefaultTopicQueueNums(v2.d);
        v1.setQueueId(v2.e);
        v1.setSysFlag(v2.f);
        v1.setBornTimestamp(v2.g);
        v1.setFlag(v2.h);
        v1.setProperties(v2.i);
        v1.setReconsumeTimes(v2.j);
        v1.setUnitMode(v2.k);
        v1.setMaxReconsumeTimes(v2.l);
        v1.setBatch(v2.m);
        return v1;
    }

    @Override
    public void checkFields() {
    }

    public String getA() {
        return a;
    }

    public void setA(String a) {
        this.a = a;
    }

    public String getB() {
        return b;
    }

    public void setB(String b) {
        this.b = b;
    }

    public String getC() {
        return c;
    }

    public void setC(String c) {
        this.c = c;
    }

    public Integer getD() {
        return d;
    }

    public void setD(Integer d) {
        this.d = d;
    }

    public Integer getE() {
        return e;
    }

    public void setE(Integer e) {
        this.e = e;
    }

    public Integer getF() {
        return f;
    }

    public void setF(Integer f) {
        this.f = f;
    }

    public Long getG() {
        return g;
    }

    public void setG(Long g) {
        this.g = g;
    }

    public Integer getH() {
        return h;
    }

    public void setH(Integer h) {
        this.h = h;
    }

    public String getI() {
        return i;
    }

    public void setI(String i) {
        this.i = i;
    }

    public Integer getJ() {
        return j;
    }

    public void setJ(Integer j) {
        this.j = j;
    }

    public boolean isK() {
        return k;
    }

    public void setK(boolean k) {
        this.k = k;
    }

    public Integer getL() {
        return l;
    }

    public void setL(Integer l) {
        this.l = l;
    }

    public boolean isM() {
        return m;
    }

    public void setM(boolean m) {
        this.m = m;
    }
}
