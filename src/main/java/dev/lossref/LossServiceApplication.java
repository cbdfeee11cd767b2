package dev.lossref;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the reference loss-function service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LossServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(LossServiceApplication.class, args);
    }
}
