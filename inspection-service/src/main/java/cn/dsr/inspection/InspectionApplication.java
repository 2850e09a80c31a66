package cn.dsr.inspection;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class InspectionApplication {
    public static void main(String[] args) {
        SpringApplication.run(InspectionApplication.class, args);
    }
}
