import NashraCore
import Testing

@Suite("Sign-in throttle")
struct SignInThrottleTests {
    @Test(
        arguments: [
            // pair, account, address, known → allowed
            (0, 0, 0, false, true),
            (4, 4, 19, false, true),
            (5, 5, 5, true, false),  // this address has guessed this account five times: even the owner waits
            (0, 5, 0, false, false),  // the account is under attack: new addresses wait
            (0, 5, 0, true, true),  // ...the owner's usual address does not
            (0, 0, 20, false, false),  // this address sprays accounts
            (0, 0, 20, true, true),  // ...but an account that signs in from here (a shared proxy) still can
            (4, 50, 500, true, true),
        ] as [(Int, Int, Int, Bool, Bool)])
    func whoMayTryAPassword(pair: Int, account: Int, address: Int, known: Bool, allowed: Bool) {
        let record = SignInRecord(pair: pair, account: account, address: address, addressKnown: known)
        #expect(SignInThrottle.allows(record) == allowed)
    }

    @Test func aKnownAddressIsHeldOnlyToItsOwnCount() {
        let known = SignInRecord(pair: 1, account: 9, address: 30, addressKnown: true)
        #expect(
            SignInThrottle.limits(for: known, email: "e@x.org", address: "1.2.3.4").map(\.key) == [
                "pair:e@x.org|1.2.3.4"
            ])
        let stranger = SignInRecord(pair: 0, account: 0, address: 0, addressKnown: false)
        #expect(
            SignInThrottle.limits(for: stranger, email: "e@x.org", address: "1.2.3.4").map(\.limit)
                == [SignInThrottle.pairLimit, SignInThrottle.accountLimit, SignInThrottle.addressLimit])
    }
}
