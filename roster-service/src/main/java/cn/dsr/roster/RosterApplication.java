package cn.dsr.roster;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class RosterApplication {
    public static void main(String[] args) {
        SpringApplication.run(RosterApplication.class, args);
    }
}
