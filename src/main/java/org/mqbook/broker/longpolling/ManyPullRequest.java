package org.mqbook.broker.longpolling;

import java.util.ArrayList;
import java.util.List;

/**
 * The pulls parked on one topic-queue. Thread-safe: every method is synchronized, and
 * {@link #cloneListAndClear()} hands the whole list to one waker at a time.
 */
public class ManyPullRequest {
    private final ArrayList<PullRequest> pullRequestList = new ArrayList<>();

    public synchronized void addPullRequest(final PullRequest pullRequest) {
        pullRequestList.add(pullRequest);
    }

    public synchronized void addPullRequest(final List<PullRequest> many) {
        pullRequestList.addAll(many);
    }

    /** Takes every parked request out; the caller re-adds those still waiting. */
    public synchronized List<PullRequest> cloneListAndClear() {
        if (pullRequestList.isEmpty()) {
            return List.of();
        }
        List<PullRequest> copy = new ArrayList<>(pullRequestList);
        pullRequestList.clear();
        return copy;
    }

    public synchronized int size() {
        return pullRequestList.size();
    }
}
