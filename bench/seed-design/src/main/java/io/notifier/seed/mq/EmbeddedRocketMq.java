package io.notifier.seed.mq;

import java.nio.file.Path;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.TopicConfig;
import org.apache.rocketmq.common.constant.PermName;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.store.config.MessageStoreConfig;

/**
 * A RocketMQ name server and one broker in this process, on loopback ports, with the seed's topic.
 * The broker also listens 2 below its port (the "fast" remoting port) and 1 above (HA).
 */
public final class EmbeddedRocketMq implements AutoCloseable {

  /** The seed's topic, four queues as RocketMQ creates a topic by default. */
  public static final String TOPIC = "topic_notifymsg";

  private final NamesrvController namesrv;
  private final BrokerController broker;
  private final int namesrvPort;

  private EmbeddedRocketMq(NamesrvController namesrv, BrokerController broker, int namesrvPort) {
    this.namesrv = namesrv;
    this.broker = broker;
    this.namesrvPort = namesrvPort;
  }

  public static EmbeddedRocketMq start(Path store, int namesrvPort, int brokerPort)
      throws Exception {
    NamesrvConfig namesrvConfig = new NamesrvConfig();
    namesrvConfig.setKvConfigPath(store.resolve("namesrv/kvConfig.json").toString());
    namesrvConfig.setConfigStorePath(store.resolve("namesrv/namesrv.properties").toString());
    NettyServerConfig namesrvNetty = new NettyServerConfig();
    namesrvNetty.setBindAddress("127.0.0.1");
    namesrvNetty.setListenPort(namesrvPort);
    NamesrvController namesrv = new NamesrvController(namesrvConfig, namesrvNetty);
    check(namesrv.initialize(), "name server");
    namesrv.start();

    BrokerConfig brokerConfig = new BrokerConfig();
    brokerConfig.setBrokerName("broker-a");
    brokerConfig.setBrokerIP1("127.0.0.1");
    brokerConfig.setNamesrvAddr("127.0.0.1:" + namesrvPort);
    brokerConfig.setListenPort(brokerPort);
    MessageStoreConfig storeConfig = new MessageStoreConfig();
    storeConfig.setStorePathRootDir(store.resolve("broker").toString());
    storeConfig.setStorePathCommitLog(store.resolve("broker/commitlog").toString());
    storeConfig.setMappedFileSizeCommitLog(64 * 1024 * 1024); // 1 GiB by default
    storeConfig.setHaListenPort(brokerPort + 1);
    NettyServerConfig brokerNetty = new NettyServerConfig();
    brokerNetty.setBindAddress("127.0.0.1");
    brokerNetty.setListenPort(brokerPort);
    BrokerController broker =
        new BrokerController(brokerConfig, brokerNetty, new NettyClientConfig(), storeConfig);
    check(broker.initialize(), "broker");
    broker.start();

    broker
        .getTopicConfigManager()
        .updateTopicConfig(new TopicConfig(TOPIC, 4, 4, PermName.PERM_READ | PermName.PERM_WRITE));
    broker.registerBrokerAll(true, false, true);
    return new EmbeddedRocketMq(namesrv, broker, namesrvPort);
  }

  private static void check(boolean initialized, String what) {
    if (!initialized) {
      throw new IllegalStateException("RocketMQ " + what + " did not initialize");
    }
  }

  public String namesrvAddress() {
    return "127.0.0.1:" + namesrvPort;
  }

  @Override
  public void close() {
    broker.shutdown();
    namesrv.shutdown();
  }
}
