"""Education pathways: LIS doctors, the psychologist specialist programme, clinical
specialists, education positions and supervision."""
