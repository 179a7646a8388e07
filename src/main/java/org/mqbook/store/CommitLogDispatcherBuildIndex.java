package org.mqbook.store;

import org.mqbook.store.index.IndexService;

/**
 * Indexes each dispatched record's keys when {@code messageIndexEnable} is on. The index service
 * exists only after {@link DefaultMessageStore#load()}, so it is looked up per record.
 */
class CommitLogDispatcherBuildIndex implements CommitLogDispatcher {
    private final DefaultMessageStore store;

    CommitLogDispatcherBuildIndex(final DefaultMessageStore store) {
        this.store = store;
    }

    @Override
    public void dispatch(final DispatchRequest request) {
        final IndexService indexService = store.getIndexService();
        if (indexService != null && indexService.isMessageIndexEnable()) {
            indexService.buildIndex(request);
        }
    }
}
