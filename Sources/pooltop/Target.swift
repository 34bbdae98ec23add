import ConfigFile
import EmbeddedPostgres
import Foundation
import LibPQ

/// The database a command runs against, and the embedded cluster behind it when there is one.
struct ResolvedTarget {
    var target: ConnectionTarget
    var embedded: EmbeddedPostgres?

    /// What the header shows: the masked target, or for the throwaway cluster where it lives.
    var label: String {
        guard let embedded else { return target.displayString }
        return "embedded cluster 127.0.0.1:\(embedded.port)"
    }

    /// The metrics' default `db_client_connection_pool_name`: `host:port/database` (OpenTelemetry's), or for the
    /// throwaway cluster, whose socket folder changes every run, `embedded/database`. Never a password.
    var poolName: String {
        embedded == nil ? target.poolName : "embedded/\(target.database)"
    }

    /// The layers' choice (`--url`, else the PG* environment when it names a server, else the config file's
    /// `target`), else a new embedded cluster that is stopped and removed on every way out.
    static func resolve(_ choice: TargetChoice) async throws -> ResolvedTarget {
        switch choice {
        case .given(let text, let origin):
            do {
                return ResolvedTarget(target: try ConnectionTarget(text), embedded: nil)
            } catch {
                throw Failure.usage("\(origin.label(for: .target)): \(error.message)")
            }
        case .environment:
            return ResolvedTarget(target: .environment, embedded: nil)
        case .embedded:
            let cluster = try await startEmbeddedCluster()
            do {
                return ResolvedTarget(target: try ConnectionTarget(cluster.conninfo), embedded: cluster)
            } catch {
                throw Failure.runtime("embedded PostgreSQL: \(error.message)")
            }
        }
    }
}

/// A new throwaway cluster, stopped and removed on every way out of the process.
func startEmbeddedCluster() async throws -> EmbeddedPostgres {
    let cluster: EmbeddedPostgres
    do {
        cluster = try await EmbeddedPostgres.start()
    } catch {
        throw Failure.runtime("embedded PostgreSQL: \(error.message)")
    }
    Termination.shared.onExit { cluster.stop() }
    return cluster
}
