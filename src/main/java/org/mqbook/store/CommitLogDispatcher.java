package org.mqbook.store;

/**
 * One consumer of the commit log's new records: {@link ReputMessageService} (and abnormal
 * recovery) calls every dispatcher of {@link DefaultMessageStore#getDispatcherList()} for each
 * record, in commit-log order, from one thread. Read next:
 * {@link CommitLogDispatcherBuildConsumeQueue}, {@link CommitLogDispatcherBuildIndex}.
 */
public interface CommitLogDispatcher {
    void dispatch(DispatchRequest request);
}
