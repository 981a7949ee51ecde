"""A trained PER/ORG sequence model (linear-chain CRF) that works alongside the rules."""
