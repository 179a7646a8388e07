package fixture;

/** A region the good fixture includes, shaped like the real code's regions. */
class Sample {
    // tag::ch99-sample[]
    int answer() {
        return 42; // TODO K1: a note inside a region shows in the book
    }
    // end::ch99-sample[]
}
