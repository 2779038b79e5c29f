"""Training: the Trainer, the losses, the models (MLP and DCGAN), latent walks and the
local classifier. Imports only config, variants, data and diagnostics; never serve/ or ui/."""
