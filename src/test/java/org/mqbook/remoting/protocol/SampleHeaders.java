package org.mqbook.remoting.protocol;

import org.mqbook.remoting.CommandCustomHeader;
import org.mqbook.remoting.annotation.CFNotNull;
import org.mqbook.remoting.annotation.CFNullable;
import org.mqbook.remoting.exception.RemotingCommandException;

/** Header classes shaped like the broker's, used by the protocol tests. */
final class SampleHeaders {

    private SampleHeaders() {
    }

    /** GET_ROUTEINFO_BY_TOPIC's header: one required field. */
    static class TopicHeader implements CommandCustomHeader {
        @CFNotNull
        private String topic;

        TopicHeader() {
        }

        TopicHeader(String topic) {
            this.topic = topic;
        }

        String getTopic() {
            return topic;
        }

        @Override
        public void checkFields() {
        }
    }

    /** Every supported field type, boxed and primitive, required and optional. */
    static class AllTypesHeader implements CommandCustomHeader {
        static final String IGNORED_STATIC = "never sent";
        @CFNotNull
        String group;
        @CFNotNull
        Integer queueId;
        int maxMsgNums;
        @CFNotNull
        Long queueOffset;
        long commitOffset;
        @CFNullable
        Boolean unitMode;
        boolean batch;
        Double ratio;
        double weight;
        @CFNullable
        String subscription;

        @Override
        public void checkFields() {
        }
    }

    /** A header whose own cross-field check fails. */
    static class CheckedHeader implements CommandCustomHeader {
        Integer low;
        Integer high;

        @Override
        public void checkFields() throws RemotingCommandException {
            if (low != null && high != null && low > high) {
                throw new RemotingCommandException("low " + low + " exceeds high " + high);
            }
        }
    }
}
