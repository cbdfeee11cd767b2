package dev.lossref.service;

import dev.lossref.core.kernels.KernelChoice;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/**
 * Says on {@code /actuator/info} which compute kernels this JVM runs ({@code kernels: vector-api} or
 * {@code plain-java}): a JVM started without {@code --add-modules=jdk.incubator.vector} answers the same
 * numbers, more slowly, and this is where an operator sees it.
 */
@Component
class KernelsInfo implements InfoContributor {

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("kernels", KernelChoice.inUse());
    }
}
