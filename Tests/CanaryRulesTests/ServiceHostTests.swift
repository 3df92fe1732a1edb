import Testing
@testable import CanaryRules

@Suite("ServiceHost")
struct ServiceHostTests {
    @Test(arguments: [
        ("a-primary-predictor", "a-primary-predictor", "ns"),
        ("a-primary-predictor.other", "a-primary-predictor", "other"),
        ("a-primary-predictor.other.svc", "a-primary-predictor", "other"),
        ("a-primary-predictor.other.svc.cluster.local", "a-primary-predictor", "other"),
        ("a-primary-predictor.other.svc.corp.example", "a-primary-predictor", "other"),
    ])
    func resolves(_ host: String, _ service: String, _ namespace: String) {
        let resolved = ServiceHost(host, defaultNamespace: "ns")
        #expect(resolved?.service == service)
        #expect(resolved?.namespace == namespace)
    }

    @Test(arguments: ["", "*.example.com", "api.example.com", "a.b.svcx", ".ns"])
    func rejectsNonServiceHosts(_ host: String) {
        #expect(ServiceHost(host, defaultNamespace: "ns") == nil)
    }
}
