package dev.passerelle.telegram;

import dev.passerelle.telegram.fake.FakeAccount;

/** The Telegram accounts the tests share: Alice (who logs in to the bridge), Bob and Carol. */
final class FakePeople {

    static final long ALICE = 1001;
    static final long BOB = 1002;
    static final long CAROL = 1003;

    private FakePeople() {
    }

    static FakeAccount alice() {
        return FakeAccount.user(ALICE, "Alice", "+33600000001");
    }

    static FakeAccount bob() {
        return FakeAccount.user(BOB, "Bob", "+33600000002");
    }

    static FakeAccount carol() {
        return FakeAccount.user(CAROL, "Carol", "+33600000003");
    }
}
