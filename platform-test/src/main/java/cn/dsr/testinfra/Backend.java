package cn.dsr.testinfra;

import cn.dsr.infra.ServiceDatabase;

/** PostgreSQL and Kafka for one test JVM: containers when Docker is there, embedded otherwise. */
interface Backend {

    ServiceDatabase createDatabase(String name);

    String kafkaBootstrap();

    void stopKafka();

    void startKafka();

    void stopPostgres();

    void startPostgres();

    void shutdown();
}
