package dev.ascent.patchrunner;

import dev.ascent.proto.api.v1.Contributor;
import dev.ascent.proto.api.v1.GetContributorRequest;
import dev.ascent.proto.api.v1.GetContributorResponse;
import dev.ascent.proto.ledger.v1.LedgerQueryServiceGrpc;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ledger's GetStanding as a real gRPC server on a free loopback port, answering from a fixed table of people
 * (one per case the tests need); the login {@value #DOWN} answers UNAVAILABLE, as a ledger that is down.
 */
public final class FakeLedger extends LedgerQueryServiceGrpc.LedgerQueryServiceImplBase {

    public static final String CORE = "core-dev";
    public static final long CORE_ID = 1001;
    public static final String CONTRIBUTOR = "contrib";
    public static final long CONTRIBUTOR_ID = 1002;
    public static final String NEWCOMER = "newbie";
    public static final long NEWCOMER_ID = 1003;
    public static final String DOWN = "ledger-down";

    private static final Map<String, Contributor> PEOPLE = Map.of(
            CORE, person(CORE, CORE_ID, "core-developer"),
            CONTRIBUTOR, person(CONTRIBUTOR, CONTRIBUTOR_ID, "contributor"),
            NEWCOMER, person(NEWCOMER, NEWCOMER_ID, "newcomer"));

    private Server server;

    private static Contributor person(String login, long id, String role) {
        return Contributor.newBuilder().setLogin(login).setGithubId(id).setRole(role).setRulesetVersion("v1").build();
    }

    /** Starts the server; returns its port. */
    public int start() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(this).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server.getPort();
    }

    public void stop() throws InterruptedException {
        if (server != null) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void getStanding(GetContributorRequest request, StreamObserver<GetContributorResponse> answer) {
        if (request.getLogin().equals(DOWN)) {
            answer.onError(Status.UNAVAILABLE.withDescription("the ledger is down").asRuntimeException());
            return;
        }
        Contributor c = PEOPLE.get(request.getLogin());
        if (c == null) {
            answer.onError(Status.NOT_FOUND.withDescription("no recorded contribution for login "
                    + request.getLogin()).asRuntimeException());
            return;
        }
        answer.onNext(GetContributorResponse.newBuilder().setContributor(c).build());
        answer.onCompleted();
    }
}
