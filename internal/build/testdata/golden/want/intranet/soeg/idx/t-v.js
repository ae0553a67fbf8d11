window.labyrintSearch.load("t-v",{"velkom":"AtG men","vis":"F6A er","voksn":"Cub e","vor":"ExA es","værdi":"ApUD1C er erne"});
