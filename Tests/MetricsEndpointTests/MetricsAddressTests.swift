import MetricsEndpoint
import Testing

struct MetricsAddressTests {
    @Test("--metrics addresses: host and port, IPv6 in brackets, a port alone on 127.0.0.1", arguments: [
        ("127.0.0.1:9187", "127.0.0.1:9187"), (":9300", "127.0.0.1:9300"), ("9300", "127.0.0.1:9300"),
        ("localhost:9300", "127.0.0.1:9300"), ("0.0.0.0:9187", "0.0.0.0:9187"), ("[::1]:9187", "[::1]:9187"),
        ("[::]:80", "[::]:80"),
    ])
    func parses(text: String, expected: String) {
        #expect(MetricsAddress(text)?.description == expected)
    }

    @Test("what is not an address is refused", arguments: [
        "", "bench", "--duration", "127.0.0.1", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:70000", "1.2.3:80", "256.0.0.1:80",
        "[::1]", "[::1]9187", "[zz]:80", "example.com:80",
    ])
    func refuses(text: String) {
        #expect(MetricsAddress(text) == nil)
    }

    @Test("the default is 127.0.0.1:9187, on loopback; 0.0.0.0 is not loopback")
    func defaultIsLoopback() {
        #expect(MetricsAddress.default.description == "127.0.0.1:9187")
        #expect(MetricsAddress.default.isLoopback)
        #expect(MetricsAddress("[::1]:1")?.isLoopback == true)
        #expect(MetricsAddress("0.0.0.0:9187")?.isLoopback == false)
    }
}
