package org.mqbook.common.namesrv;

import org.mqbook.common.RuntimeHome;

/**
 * The NameServer's own settings (its network settings are a {@code NettyServerConfig}). The
 * property names are 4.7.1's, so a {@code -c FILE} written for 4.7.1 works here:
 * {@code kvConfigPath=...}, {@code orderMessageEnable=true}.
 *
 * <p>Where 4.7.1 puts its files under {@code user.home}, mqbook puts them under the runtime home
 * ({@link RuntimeHome}): {@code target/runtime/namesrv/}, so a run writes nothing outside the
 * project. A plain bean: fill it before the controller starts, then only read it (the
 * UPDATE_NAMESRV_CONFIG request may still change flags at run time, which is why they are
 * volatile).
 *
 * <p>Read next: {@code org.mqbook.namesrv.NamesrvStartup}, which fills it.
 */
public class NamesrvConfig {

    /** The runtime home: {@code conf/logback_namesrv.xml} is read from here. */
    private String rocketmqHome = RuntimeHome.home().toString();
    /** The KV configuration store (ORDER_TOPIC_CONFIG and whatever admins put there). */
    private String kvConfigPath = RuntimeHome.runtimeDir()
        .resolve("namesrv").resolve("kvConfig.json").toString();
    /** Set to the {@code -c} file at startup, as in 4.7.1; otherwise a file nobody writes. */
    private String configStorePath = RuntimeHome.runtimeDir()
        .resolve("namesrv").resolve("namesrv.properties").toString();
    /** A label 4.7.1 reads only in its cluster-test mode. */
    private String productEnvName = "center";
    /** 4.7.1's cluster-test mode (a second route lookup with a product-env suffix); unused here. */
    private volatile boolean clusterTest = false;
    /** Attach {@code orderTopicConf} from the ORDER_TOPIC_CONFIG namespace to routes. */
    private volatile boolean orderMessageEnable = false;

    public String getRocketmqHome() {
        return rocketmqHome;
    }

    public void setRocketmqHome(String rocketmqHome) {
        this.rocketmqHome = rocketmqHome;
    }

    public String getKvConfigPath() {
        return kvConfigPath;
    }

    public void setKvConfigPath(String kvConfigPath) {
        this.kvConfigPath = kvConfigPath;
    }

    public String getConfigStorePath() {
        return configStorePath;
    }

    public void setConfigStorePath(String configStorePath) {
        this.configStorePath = configStorePath;
    }

    public String getProductEnvName() {
        return productEnvName;
    }

    public void setProductEnvName(String productEnvName) {
        this.productEnvName = productEnvName;
    }

    public boolean isClusterTest() {
        return clusterTest;
    }

    public void setClusterTest(boolean clusterTest) {
        this.clusterTest = clusterTest;
    }

    public boolean isOrderMessageEnable() {
        return orderMessageEnable;
    }

    public void setOrderMessageEnable(boolean orderMessageEnable) {
        this.orderMessageEnable = orderMessageEnable;
    }
}
