package io.context8;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class Context8Application {
    public static void main(String[] args) {
        SpringApplication.run(Context8Application.class, args);
    }
}
