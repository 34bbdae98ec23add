import LibPQ
import Testing

@Suite struct ConnectionTargetTests {
    @Test func urlDisplayMasksThePassword() throws {
        let target = try ConnectionTarget("postgresql://bob:s3cretpw@db.example:5432/app?sslmode=disable")
        #expect(target.displayString == "postgresql://bob:***@db.example:5432/app?sslmode=disable")
        #expect(target.description == target.displayString)
    }

    @Test func urlDisplayMasksAPasswordQueryParameter() throws {
        let target = try ConnectionTarget("postgresql://bob@db.example/app?password=s3cretpw&application_name=x")
        #expect(target.displayString == "postgresql://bob@db.example/app?password=***&application_name=x")
    }

    @Test func conninfoDisplayMasksThePassword() throws {
        let target = try ConnectionTarget("host=db.example port=5432 user=bob password='s3cret pw' dbname=app")
        #expect(target.displayString == "host=db.example port=5432 user=bob password=*** dbname=app")
    }

    @Test func urlWithoutPasswordIsShownAsWritten() throws {
        let target = try ConnectionTarget("postgresql://nobody@127.0.0.1:1/x")
        #expect(target.displayString == "postgresql://nobody@127.0.0.1:1/x")
    }

    @Test func equalTextsGiveEqualTargets() throws {
        #expect(try ConnectionTarget("host=a port=1") == ConnectionTarget("host=a port=1"))
        #expect(try ConnectionTarget("host=a port=1") != ConnectionTarget("host=a port=2"))
    }

    @Test(arguments: [
        "host=a password=s3cretpw bogus",
        "postgresql://bob:s3cretpw@[::1/x",
        "postgresql://bob:s3cretpw@host/db?nosuchoption=1",
        "host=a password='s3cretpw",
    ])
    func invalidTargetIsRejectedWithoutThePassword(text: String) {
        #expect {
            _ = try ConnectionTarget(text)
        } throws: { error in
            guard let error = error as? PostgresError else { return false }
            return error.kind == .invalidTarget && !error.message.contains("s3cretpw") && !error.message.isEmpty
        }
    }

    @Test func environmentTargetHasADisplayForm() {
        #expect(!ConnectionTarget.environment.displayString.isEmpty)
        #expect(!ConnectionTarget.environment.displayString.contains("password"))
    }
}
