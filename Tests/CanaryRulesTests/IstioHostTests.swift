import KServeCanaryModel
import Testing

/// Destination hosts as Istio resolves them (`ResolveShortnameToFQDN`).
@Suite("IstioHost")
struct IstioHostTests {
    @Test func shortNamesAreInTheVirtualServicesNamespace() {
        #expect(
            IstioHost("a-primary-predictor", namespace: "ns") == .service(name: "a-primary-predictor", namespace: "ns"))
        #expect(
            IstioHost("a-primary-predictor", namespace: nil) == .service(name: "a-primary-predictor", namespace: nil))
    }

    @Test func fullyQualifiedNamesNameTheirNamespace() {
        #expect(
            IstioHost("a-primary-predictor.other.svc.cluster.local", namespace: "ns")
                == .service(name: "a-primary-predictor", namespace: "other"))
        #expect(
            IstioHost("a.other.svc.corp.example", namespace: "ns", clusterDomain: "corp.example")
                == .service(name: "a", namespace: "other"))
    }

    @Test func dottedShortFormsAreNotExpanded() {
        // Istio keeps any dotted name verbatim, so these name no cluster Service.
        #expect(
            IstioHost("a-primary-predictor.other", namespace: "ns")
                == .unexpanded(name: "a-primary-predictor", namespace: "other"))
        #expect(
            IstioHost("a-primary-predictor.other.svc", namespace: "ns")
                == .unexpanded(name: "a-primary-predictor", namespace: "other"))
    }

    @Test(arguments: ["", "*.example.com", "api.example.com", "a.b.svcx", ".ns", "a..b", "a.b.svc.corp.example"])
    func otherHosts(_ host: String) {
        #expect(IstioHost(host, namespace: "ns") == .other)
    }
}
