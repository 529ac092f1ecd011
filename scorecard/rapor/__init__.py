"""The one-page rapor kehumasan of each unit: its data (``data``), recommendations
(``recommend``), chart (``chart``) and rendering (``render``)."""
