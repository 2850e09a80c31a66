package cn.dsr.issuer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Local OIDC issuer: demo users and clients for the dsr stack; production uses any other OIDC provider. */
@SpringBootApplication
@EnableConfigurationProperties(IssuerProperties.class)
public class IssuerApplication {

    public static void main(String[] args) {
        SpringApplication.run(IssuerApplication.class, args);
    }
}
