package cn.dsr.disclosure;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DisclosureApplication {
    public static void main(String[] args) {
        SpringApplication.run(DisclosureApplication.class, args);
    }
}
