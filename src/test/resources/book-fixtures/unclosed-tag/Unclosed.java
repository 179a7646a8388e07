package fixture;

class Unclosed {
    // tag::ch99-open[]
    void neverEnds() {
    }
    // no closing directive follows, on purpose
}
