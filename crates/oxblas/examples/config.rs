//! Prints the configuration oxblas would use on this machine:
//! `cargo run --release --example config`.
fn main() {
    println!("{}", oxblas::config_report());
}
