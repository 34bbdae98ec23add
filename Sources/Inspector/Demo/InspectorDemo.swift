/// Runs the screen against `SimulatedSource`: a hidden way to see the screen live with no server.
public enum InspectorDemo {
    public static func run(options: InspectorOptions = InspectorOptions()) async throws {
        try await InspectorApp(source: SimulatedSource(), options: options).run()
    }
}
